import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Projects by what they need (see docs/testing in README): unit needs nothing,
// integration needs loopback sockets, lan/interop/e2e need root and the lab.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // A jsdom render with user-event takes 5 s of a 2-core machine at load 19: these
          // tests check what the window does, not how fast a shared machine draws it.
          testTimeout: 20000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30000,
        },
      },
      {
        extends: true,
        test: {
          // Coverage-guided fuzzing for a bounded time per target (docs/fuzzing.md).
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 60000,
          hookTimeout: 180000,
        },
      },
      {
        extends: true,
        test: {
          name: 'lan',
          include: ['test/lan/**/*.test.ts'],
          testTimeout: 120000,
          hookTimeout: 120000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'interop',
          include: ['test/interop/**/*.test.ts'],
          testTimeout: 180000,
          hookTimeout: 180000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180000,
          hookTimeout: 180000,
          fileParallelism: false,
        },
      },
    ],
  },
});
