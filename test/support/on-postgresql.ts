// A setup file of the PostgreSQL pass's projects (jest.config.js): each of their test files runs as
// under TEST_DATABASE=postgresql (test/support/databases.ts), in a run that holds the SQLite
// projects too. jest gives every test file a copy of the environment: this reaches no other file.
process.env.TEST_DATABASE = 'postgresql';
