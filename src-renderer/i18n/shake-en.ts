/** English texts of FeiQ's window shake. */
export const shakeEn = {
  button: 'Shake',
  hint: 'Shake {{name}}’s chat window',
  wait: 'You can shake again in a few seconds',
  line: '{{by}} shook the window',
};
