import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The dev server's React refresh preamble is an inline script, and it injects
 * stylesheets as inline styles; the page's CSP forbids both. Only while serving,
 * allow them; built files keep the strict policy untouched.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'pigeon:relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

// The renderer build (vitest has its own vitest.config.ts and never reads this file).
export default defineConfig({
  root: here('./src-renderer'),
  // Electron loads the build from file://: every URL must be relative.
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: here('./out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // Chromium preloads modules itself; the polyfill would only add code.
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
