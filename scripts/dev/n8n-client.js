// Tiny client for a local n8n's internal REST API (/rest, cookie + browser-id) and public API.
'use strict';

class N8nClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.cookie = '';
		this.browserId = `fiwano-dev-${Date.now()}`;
		this.apiKey = '';
	}

	async raw(method, path, { body, headers = {}, query } = {}) {
		let url = this.baseUrl + path;
		if (query) url += '?' + new URLSearchParams(query).toString();
		const h = { 'browser-id': this.browserId, ...headers };
		if (this.cookie) h.cookie = this.cookie;
		if (body !== undefined) h['content-type'] = 'application/json';
		const res = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
		const setCookie = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
		for (const c of setCookie) if (c.startsWith('n8n-auth=')) this.cookie = c.split(';')[0];
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text, headers: res.headers };
	}

	/** /rest call that must succeed; returns the unwrapped `data`. */
	async rest(method, path, body, query) {
		const r = await this.raw(method, `/rest${path}`, { body, query });
		if (r.status >= 300) throw new Error(`${method} /rest${path} -> ${r.status} ${r.text.slice(0, 400)}`);
		return r.json && Object.prototype.hasOwnProperty.call(r.json, 'data') ? r.json.data : r.json;
	}

	/** Public API (/api/v1) with the X-N8N-API-KEY header. */
	async api(method, path, body, query) {
		const r = await this.raw(method, `/api/v1${path}`, { body, query, headers: { 'X-N8N-API-KEY': this.apiKey } });
		if (r.status >= 300) throw new Error(`${method} /api/v1${path} -> ${r.status} ${r.text.slice(0, 400)}`);
		return r.json;
	}

	async setupOwner(owner) {
		let r = await this.raw('POST', '/rest/owner/setup', { body: owner });
		// n8n 1.x answers readiness a moment before its REST routes exist.
		for (let i = 0; i < 120 && r.status === 404; i++) {
			await new Promise((res) => setTimeout(res, 250));
			r = await this.raw('POST', '/rest/owner/setup', { body: owner });
		}
		if (r.status >= 300 && !/already/i.test(r.text)) throw new Error(`owner setup -> ${r.status} ${r.text.slice(0, 300)}`);
	}

	async login(email, password) {
		await this.rest('POST', '/login', { emailOrLdapLoginId: email, password });
		if (!this.cookie) throw new Error('login gave no n8n-auth cookie');
	}

	async createApiKey() {
		const scopes = await this.rest('GET', '/api-keys/scopes').catch(() => undefined);
		const body = { label: `fiwano-dev-${Date.now()}`, expiresAt: null };
		if (Array.isArray(scopes)) body.scopes = scopes;
		const key = await this.rest('POST', '/api-keys', body);
		this.apiKey = key.rawApiKey || key.apiKey;
		if (!this.apiKey) throw new Error('no API key in answer');
		return this.apiKey;
	}

	async createCredential(name, type, data) {
		return await this.rest('POST', '/credentials', { name, type, data });
	}

	async importWorkflow(workflow) {
		const { id, active, versionId, ...rest } = workflow;
		return await this.rest('POST', '/workflows', { ...rest, active: false });
	}

	async getWorkflow(id) {
		return await this.rest('GET', `/workflows/${id}`);
	}

	/** Activates (2.x: publishes) a workflow and waits until its webhooks are live. */
	async activate(id, timeoutMs = 30000) {
		const wf = await this.getWorkflow(id);
		const r = await this.raw('POST', `/rest/workflows/${id}/activate`, { body: { versionId: wf.versionId } });
		if (r.status === 404) {
			// 1.x: PATCH active=true
			await this.rest('PATCH', `/workflows/${id}`, { ...wf, active: true });
			return;
		}
		if (r.status >= 300) throw new Error(`activate ${id} -> ${r.status} ${r.text.slice(0, 400)}`);
		// 2.x queues the publish: wait until every trigger of the workflow is activated.
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const s = await this.raw('GET', `/rest/workflows/${id}/publication-status`);
			if (s.status === 404) return undefined; // no publication queue in this version
			const st = (s.json && s.json.data) || {};
			if (st.status === 'published') return st;
			if (st.status === 'failed' || st.status === 'partial') {
				const why = (st.triggers || []).map((t) => t.errorMessage).filter(Boolean).join('; ');
				throw new Error(`activation of workflow ${id} ${st.status}: ${why || JSON.stringify(st)}`);
			}
			if (Date.now() > deadline) throw new Error(`workflow ${id} not published after ${timeoutMs} ms: ${JSON.stringify(st)}`);
			await new Promise((res) => setTimeout(res, 100));
		}
	}

	async deactivate(id) {
		const wf = await this.getWorkflow(id);
		const r = await this.raw('POST', `/rest/workflows/${id}/deactivate`, { body: { versionId: wf.versionId } });
		if (r.status === 404) {
			await this.rest('PATCH', `/workflows/${id}`, { ...wf, active: false });
			return;
		}
		if (r.status >= 300) throw new Error(`deactivate ${id} -> ${r.status} ${r.text.slice(0, 400)}`);
	}
}

module.exports = { N8nClient };
