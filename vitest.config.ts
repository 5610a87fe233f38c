import { defineConfig } from 'vitest/config';

// Three projects, run in order by scripts/test.sh: pure float64 math, WebGPU in Node
// (Dawn on SwiftShader), and the built app in headless Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/typed-surfaces.ts'],
          // Room for a loaded machine (the fuzz and MNIST tests take ~1 s when it is quiet).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'gpu',
          include: ['tests/gpu/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup/typed-surfaces.ts'],
          // dawn.node is not fork-safe across workers: one process, tests in sequence.
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
