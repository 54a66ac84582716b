/** Tests run from TypeScript sources; `npm test` type-checks first, so ts-jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  globalSetup: '<rootDir>/test/support/run-tmpdir-setup.ts',
  globalTeardown: '<rootDir>/test/support/run-tmpdir-teardown.ts',
  testTimeout: 60000,
  // Jest's default leaves one core idle; the suites are CPU-bound and independent.
  maxWorkers: '100%',
};
