import nock from 'nock';

// nock state leaks between test files in one worker unless restored and re-activated.
beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
	nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});

afterEach(() => {
	nock.cleanAll();
});

afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
