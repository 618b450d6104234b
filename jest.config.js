/** Workflow tests share one time-skipping server per file and Temporal workers per process, so
 *  the suite runs in band (see README, "Tests"). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  testTimeout: 120_000,
};
