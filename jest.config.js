/** @type {import('jest').Config} */
process.env.N8N_LOG_LEVEL = 'silent';

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	setupFilesAfterEnv: ['<rootDir>/test/helpers/setup-nock.ts'],
	collectCoverageFrom: ['nodes/**/*.ts', 'credentials/**/*.ts'],
	// Outside the linted tree: n8n-node lint would otherwise read the lcov report's scripts.
	coverageDirectory: '<rootDir>/node_modules/.cache/coverage',
	coverageReporters: ['text-summary', 'text', 'lcov'],
	coverageThreshold: {
		global: { lines: 90, branches: 90 },
	},
	// Two workers on the two cores of our machines; no test asserts time, so a loaded machine is
	// only slower, never red.
	maxWorkers: 2,
	testTimeout: 20000,
};
