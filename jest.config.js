/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  testTimeout: 30000,
  // The index and models are built once per run, not once per test file.
  globalSetup: '<rootDir>/test/globalSetup.ts',
  // Removes the run's temporary folder (test/helpers/tempDir.ts).
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  // Integration tests start servers; run files in parallel but keep workers few on 2-core machines.
  maxWorkers: 2,
  // Each test file loads the dictionaries and models afresh: a worker that has grown past this
  // is replaced rather than left to slow down and then fail to exit.
  workerIdleMemoryLimit: '1GB',
  // Jest's "soft" clean-up of globals between files turns data properties of objects a file left
  // on the global scope into accessors whose setter calls itself: signal-exit's emitter (through
  // proper-lockfile and write-file-atomic) stays on `process`, and the next file that loads it
  // overflows the stack updating its `count`. Workers are recycled by the memory limit above.
  testEnvironmentOptions: { globalsCleanup: 'off' },
};
