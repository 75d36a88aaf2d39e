// The few Mocha globals the tests use (web-test-runner runs them with Mocha).
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: () => Promise<void> | void): void;
declare function beforeEach(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;
