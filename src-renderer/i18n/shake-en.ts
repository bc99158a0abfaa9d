/** English texts of FeiQ's window shake. */
export const shakeEn = {
  button: 'Shake',
  wait: 'You can shake again in a few seconds',
  line: '{{by}} shook the window',
};
