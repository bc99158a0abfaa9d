import type { shakeEn } from './shake-en';

/** 窗口抖动的中文文字。 */
export const shakeZhCN: typeof shakeEn = {
  button: '抖动',
  wait: '几秒后才能再次抖动',
  line: '{{by}} 发送了一个窗口抖动',
};
