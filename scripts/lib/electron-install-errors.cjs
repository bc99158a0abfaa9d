// Preloaded into Electron's install step by scripts/lib/electron-binary.mjs: copies what
// it reports with console.error (the download error) to fd 3 for `npm start` to quote,
// while stderr stays the terminal so the download's progress bar still shows.
const { writeSync } = require('node:fs');
const { format } = require('node:util');

const original = console.error;
console.error = (...args) => {
  try {
    writeSync(3, `${format(...args)}\n`);
  } catch {
    // fd 3 is not open when this runs outside start: nothing to copy to.
  }
  original(...args);
};
