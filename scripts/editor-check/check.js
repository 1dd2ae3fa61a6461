#!/usr/bin/env node
// One-off look at the real n8n 2.41.1 editor (not run by CI): starts the sandbox and n8n with the
// built package, logs a headless Chromium in, and screenshots (light and dark) the nodes panel
// searched for "Fiwano", the Fiwano entry's details, a Fiwano Trigger with no channel on the
// canvas and in its panel, and the Send Template variables form.
// Needs: `npm run build`, Debian `chromium`, playwright-core outside the repo
// (PLAYWRIGHT_CORE=/path/to/node_modules/playwright-core; n8n's own install ships one).
// Env: N8N_PORT (5690), FIWANO_SANDBOX_PORT (8790), OUT (/tmp/fiwano-editor).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startN8n, freePort } = require('../dev/n8n-start');
const { paths } = require('../dev/n8n-install');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = process.env.OUT || '/tmp/fiwano-editor';
const playwrightPath =
	process.env.PLAYWRIGHT_CORE ||
	path.join(paths().root, 'n8n-2.41.1', 'node_modules', 'playwright-core');
const { chromium } = require(playwrightPath);

const log = (...a) => console.log('[editor]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A workflow with a Fiwano Trigger on automatic setup and no channel, and a Send Template node. */
function checkWorkflow(credential, channelId) {
	const cred = { fiwanoApi: { id: credential.id, name: credential.name } };
	return {
		name: 'Editor check',
		nodes: [
			{
				id: 't1',
				name: 'Fiwano Trigger',
				type: 'n8n-nodes-fiwano.fiwanoTrigger',
				typeVersion: 2,
				position: [0, 0],
				parameters: { webhookSetup: 'selectedChannels' },
				credentials: cred,
			},
			{
				id: 's1',
				name: 'Send Template',
				type: 'n8n-nodes-fiwano.fiwano',
				typeVersion: 3,
				position: [300, 0],
				parameters: {
					resource: 'message',
					operation: 'sendTemplate',
					channelId: { __rl: true, mode: 'id', value: channelId },
					recipient: '15551234567',
					template: {
						__rl: true,
						mode: 'list',
						value: 'order_confirmation|en_US',
						cachedResultName: 'order_confirmation · en_US · UTILITY',
					},
				},
				credentials: cred,
			},
		],
		connections: {
			'Fiwano Trigger': { main: [[{ node: 'Send Template', type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

async function shoot(page, name) {
	const file = path.join(OUT, `${name}.png`);
	await page.screenshot({ path: file });
	log('screenshot', file);
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox', 'server'));
	const sandbox = createSandbox({});
	const { url: sandboxUrl } = await sandbox.start(Number(process.env.FIWANO_SANDBOX_PORT) || 8790);
	const n8n = await startN8n({
		port: Number(process.env.N8N_PORT) || 5690,
		fiwanoBaseUrl: sandboxUrl,
		fiwanoApiKey: sandbox.apiKey,
		importExamples: false,
		logFile: path.join(OUT, 'n8n.log'),
		// Another n8n on this machine holds the default task-runner broker port.
		env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
	});
	let browser;
	try {
		const channels = await (
			await fetch(`${sandboxUrl}/api/v1/channels`, { headers: { 'X-API-Key': sandbox.apiKey } })
		).json();
		const wa = channels.channels.find((c) => c.channel_type === 'whatsapp');
		browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: ['--no-sandbox'],
		});
		for (const theme of ['light', 'dark']) {
			// One workflow per theme: n8n locks a workflow open in another tab for a while.
			const wf = await n8n.client.importWorkflow(
				checkWorkflow(n8n.credential, wa.id || wa.channel_id),
			);
			const context = await browser.newContext({
				viewport: { width: 1440, height: 900 },
				colorScheme: theme,
			});
			const [name, value] = n8n.client.cookie.split('=');
			await context.addCookies([{ name, value, url: n8n.url }]);
			await context.addInitScript(
				([id, t]) => {
					localStorage.setItem('n8n-browserId', id);
					localStorage.setItem('N8N_THEME', t);
				},
				[n8n.client.browserId, theme],
			);
			const page = await context.newPage();
			await page.goto(`${n8n.url}/workflow/${wf.id}`);
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60000 });
			await sleep(1500);
			await shoot(page, `${theme}-canvas`);

			// Nodes panel: search "Fiwano", then open the entry's details.
			await page.click('[data-test-id="node-creator-plus-button"]');
			await sleep(1000);
			await page.keyboard.type('Fiwano');
			await sleep(1200);
			await shoot(page, `${theme}-panel-search`);
			await page.keyboard.press('Enter');
			await sleep(1200);
			await shoot(page, `${theme}-panel-details`);
			await page.keyboard.press('Escape');
			await page.keyboard.press('Escape');
			await sleep(500);

			// The trigger's own panel, then Send Template's form.
			for (const [node, shot] of [
				['Fiwano Trigger', 'trigger-panel'],
				['Send Template', 'send-template-panel'],
			]) {
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`).dblclick();
				await sleep(3000);
				await shoot(page, `${theme}-${shot}`);
				await page.mouse.move(700, 600);
				await page.mouse.wheel(0, 600);
				await sleep(800);
				await shoot(page, `${theme}-${shot}-scrolled`);
				await page.keyboard.press('Escape');
				await sleep(500);
			}
			await context.close();
		}
	} finally {
		if (browser) await browser.close();
		if (process.env.KEEP !== '1') {
			await n8n.stop();
			await sandbox.stop();
		} else {
			log(`n8n kept running at ${n8n.url} (${os.tmpdir()}); Ctrl-C to stop`);
		}
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
