import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { devServerPolicy, PAGE_POLICY, PAGE_POLICY_PLACEHOLDER } from './src-shared/page-policy';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Write the one page policy (src-shared/page-policy.ts) into index.html's CSP meta tag.
 * Only while serving, relax it for the dev server's inline refresh script and styles;
 * built files get the strict policy main and headless mode send too.
 */
function writePagePolicy(): Plugin {
  let serving = false;
  return {
    name: 'pigeon:page-policy',
    configResolved: (config) => {
      serving = config.command === 'serve';
    },
    transformIndexHtml: (html) => {
      if (!html.includes(PAGE_POLICY_PLACEHOLDER)) {
        throw new Error(`index.html lost its ${PAGE_POLICY_PLACEHOLDER} placeholder`);
      }
      const policy = serving ? devServerPolicy(PAGE_POLICY) : PAGE_POLICY;
      return html.replace(PAGE_POLICY_PLACEHOLDER, policy);
    },
  };
}

// The renderer build (vitest has its own vitest.config.ts and never reads this file).
export default defineConfig({
  root: here('./src-renderer'),
  // Electron loads the build from file://: every URL must be relative.
  base: './',
  plugins: [react(), writePagePolicy()],
  build: {
    outDir: here('./out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // Chromium preloads modules itself; the polyfill would only add code.
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
