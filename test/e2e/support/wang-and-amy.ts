// Two headless Pigeons on two namespace hosts, each with its main window open in its own
// Chromium (360×640) on the Contacts tab: 小王 (研发部, Chinese) on desk1 and Amy
// (English) on desk2.
import type { Page } from 'playwright-core';
import type { Lan } from '../../lab/lan';
import { startDesks } from './desks';

export interface WangAndAmy {
  lan: Lan;
  wangMain: Page;
  amyMain: Page;
  stop(): Promise<void>;
}

/** `subnet` is the first three parts of the addresses, e.g. '10.86.0'. */
export async function startWangAndAmy(subnet: string): Promise<WangAndAmy> {
  const fast = ['--answer-delay-ms', '200'];
  const { lan, desks, stop } = await startDesks([
    {
      host: { name: 'desk1', address: `${subnet}.31`, hostname: 'desk-wang' },
      args: ['--nick', '小王', '--group', '研发部', ...fast],
      contacts: '联系人',
    },
    {
      host: { name: 'desk2', address: `${subnet}.32`, hostname: 'desk-amy' },
      args: ['--nick', 'Amy', '--lang', 'en', ...fast],
      contacts: 'Contacts',
    },
  ]);
  return { lan, wangMain: desks[0]!.main, amyMain: desks[1]!.main, stop };
}
