'use strict';
// The /api/v1 contract (openapi.yaml): auth, faults, rate limit, routes.
const {
	HttpError,
	verr,
	hex,
	isoNaive,
	codePointLength,
	isAllowedWebhookUrl,
	parseBool,
} = require('./util');
const { parseJsonBody, validateBody, mediaUrlErrors } = require('./validate');
const { SETTINGS_SPEC, applySettings } = require('./channel-settings');
const { subscriptionInfo } = require('./subscriptions');
const { checkRecipient, blankTextErrors } = require('./sendrules');
const { templateOut, checkTemplateVariables } = require('./templates');

const TEXT_LIMITS = { whatsapp: 4096, facebook: 2000, instagram: 1000 };
const MEDIA_TYPES = ['image', 'audio', 'video', 'document'];
const CHANNEL_FIELDS = [
	'id',
	'channel_type',
	'name',
	'is_active',
	'phone_number_id',
	'phone_number',
	'waba_id',
	'quality_rating',
	'ig_account_id',
	'ig_username',
	'page_id',
	'webhook_url',
	'has_webhook_secret',
	'webhook_events',
	'connected_at',
	'created_at',
	'token_expires_at',
	'subscription',
];

function channelOut(ch) {
	const out = {};
	for (const f of CHANNEL_FIELDS)
		out[f] =
			f === 'has_webhook_secret'
				? Boolean(ch.webhook_secret)
				: f === 'subscription'
					? subscriptionInfo(ch.subscription)
					: ch[f];
	out.webhook_events = [...(ch.webhook_events || [])];
	return out;
}

function createApi(ctx) {
	const state = () => ctx.getState();
	const routes = [];
	const route = (method, pattern, handler) =>
		routes.push({
			method,
			re: new RegExp(`^${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
			handler,
		});

	function getChannel(account, id) {
		const ch = state().channels.get(id);
		if (!ch || ch.account !== account) throw new HttpError(404, 'Channel not found');
		return ch;
	}
	function requireUsable(ch, { pro, what } = {}) {
		if (!ch.is_active)
			throw new HttpError(400, 'Channel is inactive. Reconnect it via a new OAuth flow.');
		if (!ch.subscription || ch.subscription.status !== 'active') {
			throw new HttpError(
				402,
				`No active subscription for this channel (status: ${ch.subscription ? ch.subscription.status : 'none'}). Subscribe on the Billing page.`,
			);
		}
		if (pro && ch.subscription.tier !== 'pro')
			throw new HttpError(
				402,
				`Pro license required for ${what}. Upgrade this channel on the Billing page.`,
			);
	}
	/** Checks shared by every send, then per-channel pacing (only accepted sends count). */
	function acceptSend(ch, recipient) {
		checkRecipient(ch, recipient);
		if (!ctx.pacer) return;
		const r = ctx.pacer.hit(ch.id);
		if (!r.ok) {
			const detail = `Channel send rate exceeded: ${ctx.pacer.limit} sends per ${ctx.pacer.windowMs / 1000} s per channel. Retry after ${r.retryAfter} s.`;
			throw new HttpError(ctx.pacingStatus, detail, { 'Retry-After': String(r.retryAfter) });
		}
	}
	function requireWhatsApp(ch) {
		if (ch.channel_type !== 'whatsapp')
			throw new HttpError(
				400,
				`Templates are only supported for WhatsApp channels (this channel is ${ch.channel_type}).`,
			);
	}
	function getTemplate(ch, id) {
		const t = state().templates.get(id);
		if (!t || t.channel_id !== ch.id) throw new HttpError(404, 'Template not found');
		return t;
	}

	// ---- channels
	route('GET', '/api/v1/channels', ({ account }) => {
		const channels = [...state().channels.values()]
			.filter((c) => c.account === account)
			.map(channelOut);
		return { body: { channels, total: channels.length } };
	});
	route('GET', '/api/v1/subscriptions', ({ account }) => ({ body: ctx.subs.list(account) }));
	route('POST', '/api/v1/channels/setup-url', ({ account, json }) => {
		const b = validateBody(json(), {
			channel_type: { type: 'string', required: true, pattern: '^(whatsapp|instagram|facebook)$' },
			redirect_uri: { type: 'string', required: true },
		});
		return { body: ctx.oauth.createSession(account, b.channel_type, b.redirect_uri) };
	});
	route('POST', '/api/v1/channels/exchange-code', ({ account, json }) => {
		const b = validateBody(json(), { code: { type: 'string', required: true }, ...SETTINGS_SPEC });
		const c = ctx.oauth.consume(account, b.code);
		const ch = getChannel(account, c.channel_id);
		applySettings(ctx.options, ch, b)();
		c.used = true;
		return {
			body: {
				channel_id: ch.id,
				channel_type: ch.channel_type,
				name: ch.name,
				phone_number_id: ch.phone_number_id,
				phone_number: ch.phone_number,
				ig_account_id: ch.ig_account_id,
				ig_username: ch.ig_username,
				page_id: ch.page_id,
				webhook_url: ch.webhook_url,
				webhook_secret: ch.webhook_secret,
				webhook_events: [...ch.webhook_events],
			},
		};
	});
	route('GET', '/api/v1/channels/:id', ({ account, params }) => ({
		body: channelOut(getChannel(account, params.id)),
	}));
	route('PATCH', '/api/v1/channels/:id', ({ account, params, json }) => {
		const b = validateBody(json(), { ...SETTINGS_SPEC, subscription_id: { type: 'string' } });
		const ch = getChannel(account, params.id);
		const moveSlot = ctx.subs.planChange(ch, b.subscription_id);
		applySettings(ctx.options, ch, b)();
		if (moveSlot) moveSlot();
		return {
			body: {
				id: ch.id,
				webhook_url: ch.webhook_url,
				webhook_secret: ch.webhook_secret,
				webhook_events: [...ch.webhook_events],
			},
		};
	});
	route('DELETE', '/api/v1/channels/:id', ({ account, params }) => {
		const ch = getChannel(account, params.id);
		ch.is_active = false;
		return { body: { success: true, message: 'Channel deactivated' } };
	});
	route('GET', '/api/v1/channels/:id/profile/:user', ({ account, params }) => {
		const ch = getChannel(account, params.id);
		if (ch.channel_type === 'whatsapp') {
			throw new HttpError(
				400,
				'Sender profile is not supported for WhatsApp channels: the sender name arrives in webhooks as data.from_name.',
			);
		}
		if (!ch.is_active)
			throw new HttpError(400, 'Channel is inactive. Reconnect it via a new OAuth flow.');
		const key = `${ch.id}:${params.user}`;
		const cache = state().profileCache;
		const now = ctx.clock.now();
		const hit = cache.get(key);
		if (hit && now - hit.at < 5 * 60 * 1000)
			return {
				body: {
					channel_id: ch.id,
					channel_type: ch.channel_type,
					user_id: params.user,
					profile: hit.profile,
					cached: true,
				},
			};
		let profile = state().profiles[key];
		if (profile === undefined) profile = generatedProfile(ch.channel_type, params.user);
		cache.set(key, { at: now, profile });
		return {
			body: {
				channel_id: ch.id,
				channel_type: ch.channel_type,
				user_id: params.user,
				profile,
				cached: false,
			},
		};
	});

	// ---- redirects
	route('GET', '/api/v1/redirects', ({ account }) => ({
		body: {
			redirects: [...state().redirects.values()]
				.filter((r) => r.account === account)
				.map((r) => ({ id: r.id, uri_pattern: r.uri_pattern, created_at: r.created_at })),
		},
	}));
	route('POST', '/api/v1/redirects', ({ account, json }) => {
		const b = validateBody(json(), { uri_pattern: { type: 'string', required: true } });
		if (!isAllowedWebhookUrl(b.uri_pattern.replace(/\*/g, 'x'))) {
			throw new HttpError(
				400,
				'uri_pattern must be an HTTPS URL (http://localhost allowed for development); wildcards like https://*.example.com/* are supported.',
			);
		}
		const st = state();
		if (
			[...st.redirects.values()].some(
				(r) => r.account === account && r.uri_pattern === b.uri_pattern,
			)
		)
			throw new HttpError(400, 'Redirect URI already exists');
		const r = {
			id: `redir_${hex(6)}`,
			uri_pattern: b.uri_pattern,
			created_at: isoNaive(ctx.clock.now()),
			account,
		};
		st.redirects.set(r.id, r);
		return { status: 201, body: { id: r.id, uri_pattern: r.uri_pattern } };
	});
	route('DELETE', '/api/v1/redirects/:id', ({ account, params }) => {
		const r = state().redirects.get(params.id);
		if (!r || r.account !== account) throw new HttpError(404, 'Redirect not found');
		state().redirects.delete(params.id);
		return { body: { success: true, message: 'Redirect removed' } };
	});

	// ---- messages
	route('POST', '/api/v1/messages/send', ({ account, json }) => {
		const b = validateBody(
			json(),
			{
				channel_id: { type: 'string', required: true },
				recipient: { type: 'string', required: true },
				text: { type: 'string', required: true },
			},
			(errors) => errors.push(...blankTextErrors(json())),
		);
		const ch = getChannel(account, b.channel_id);
		requireUsable(ch);
		const max = TEXT_LIMITS[ch.channel_type];
		const len = codePointLength(b.text);
		if (len > max) {
			throw new HttpError(400, {
				code: 'text_too_long',
				message: `Text exceeds ${ch.channel_type} limit of ${max} characters (got ${len}).`,
				actual_length: len,
				max_length: max,
				channel_type: ch.channel_type,
				hint: 'Split the text on your side and send as multiple messages.',
			});
		}
		acceptSend(ch, b.recipient);
		return { body: ctx.messaging.send(ch, 'text', b) };
	});
	route('POST', '/api/v1/messages/send-media', ({ account, json }) => {
		const b = validateBody(
			json(),
			{
				channel_id: { type: 'string', required: true },
				recipient: { type: 'string', required: true },
				media_type: { type: 'string', required: true },
				media_url: { type: 'string', required: true },
				caption: { type: 'string', nullable: true, maxLength: 1024 },
				filename: { type: 'string', nullable: true, maxLength: 255 },
			},
			(errors) => {
				const body = json();
				if (typeof body.media_type === 'string' && !MEDIA_TYPES.includes(body.media_type)) {
					errors.push(
						verr(
							'media_type',
							`Value error, media_type must be one of: ${MEDIA_TYPES.join(', ')}`,
							'value_error',
							body.media_type,
						),
					);
				}
				errors.push(...mediaUrlErrors(body.media_url));
			},
		);
		const ch = getChannel(account, b.channel_id);
		requireUsable(ch, { pro: true, what: 'media messages' });
		acceptSend(ch, b.recipient);
		return { body: ctx.messaging.send(ch, 'media', b) };
	});
	route('POST', '/api/v1/messages/send-template', ({ account, json }) => {
		const b = validateBody(json(), {
			channel_id: { type: 'string', required: true },
			template_name: { type: 'string', required: true },
			language: { type: 'string', required: true },
			recipient: { type: 'string', required: true },
			variables: { type: 'object', nullable: true },
		});
		const ch = getChannel(account, b.channel_id);
		if (ch.channel_type !== 'whatsapp')
			throw new HttpError(
				400,
				`Template messages are only supported for WhatsApp channels (this channel is ${ch.channel_type}).`,
			);
		requireUsable(ch, { pro: true, what: 'template messages' });
		const t = [...state().templates.values()].find(
			(x) => x.channel_id === ch.id && x.name === b.template_name && x.language === b.language,
		);
		if (!t)
			throw new HttpError(
				404,
				`Template '${b.template_name}' (${b.language}) not found for this channel`,
			);
		if (t.status !== 'APPROVED')
			throw new HttpError(
				400,
				`Template '${t.name}' is not approved (status: ${t.status}). Only APPROVED templates can be sent.`,
			);
		checkTemplateVariables(t, b.variables);
		acceptSend(ch, b.recipient);
		const r = ctx.messaging.send(ch, 'template', b);
		return { body: { success: r.success, message_id: r.message_id, error: r.error } };
	});

	// ---- media
	route('GET', '/api/v1/media/:id', ({ account, params }) => {
		const m = state().media.get(params.id);
		if (!m || m.account !== account) throw new HttpError(404, 'Media not found');
		if (m.expired || ctx.clock.now() >= m.expires_ms)
			throw new HttpError(410, 'Media file expired or unavailable. Files are kept for 60 minutes.');
		const ch = state().channels.get(m.channel_id);
		if (ch && (!ch.subscription || ch.subscription.tier !== 'pro'))
			throw new HttpError(402, 'Pro license required for media downloads.');
		const headers = { 'Content-Type': m.mime_type, 'Content-Length': m.bytes.length };
		if (m.filename)
			headers['Content-Disposition'] = `attachment; filename="${m.filename.replace(/"/g, '')}"`;
		return { raw: m.bytes, headers };
	});

	// ---- templates
	function templateChannel(account, id) {
		const ch = getChannel(account, id);
		requireWhatsApp(ch);
		requireUsable(ch, { pro: true, what: 'WhatsApp templates' });
		return ch;
	}
	const componentSpec = {
		type: 'array',
		required: true,
		items: 'object',
		itemSpec: {
			type: { type: 'string', required: true },
			format: { type: 'string' },
			text: { type: 'string' },
			example: { type: 'object' },
			buttons: { type: 'array' },
		},
	};
	function checkComponents(components) {
		const types = components.map((c) => String(c.type).toUpperCase());
		const unknown = types.filter((t) => !['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(t));
		if (unknown.length)
			throw new HttpError(
				400,
				`Unknown component type(s): ${unknown.join(', ')}. Use HEADER, BODY, FOOTER, BUTTONS.`,
			);
		if (!types.includes('BODY')) throw new HttpError(400, 'BODY component is required');
		const header = components.find((c) => String(c.type).toUpperCase() === 'HEADER');
		if (header && header.format && String(header.format).toUpperCase() !== 'TEXT')
			throw new HttpError(400, 'Only TEXT headers are supported (media headers not yet supported)');
		return components.map((c) => ({ ...c, type: String(c.type).toUpperCase() }));
	}

	route('GET', '/api/v1/channels/:id/templates', ({ account, params, query }) => {
		const sync = parseBool(query.get('sync'), 'sync', true);
		const ch = templateChannel(account, params.id);
		const status = query.get('status');
		let list = [...state().templates.values()].filter((t) => t.channel_id === ch.id);
		if (sync) list.forEach((t) => (t.synced_at = isoNaive(ctx.clock.now())));
		if (status) list = list.filter((t) => t.status === status.toUpperCase());
		return { body: { templates: list.map(templateOut), total: list.length, synced: sync } };
	});
	route('POST', '/api/v1/channels/:id/templates', ({ account, params, json }) => {
		const b = validateBody(json(), {
			name: { type: 'string', required: true, maxLength: 512, pattern: '^[a-z0-9_]+$' },
			category: { type: 'string', required: true, pattern: '^(MARKETING|UTILITY|AUTHENTICATION)$' },
			language: { type: 'string', required: true },
			components: componentSpec,
			parameter_format: { type: 'string', pattern: '^(positional|named)$' },
		});
		const ch = templateChannel(account, params.id);
		const components = checkComponents(b.components);
		const st = state();
		if (
			[...st.templates.values()].some(
				(t) => t.channel_id === ch.id && t.name === b.name && t.language === b.language,
			)
		) {
			throw new HttpError(400, `Template '${b.name}' already exists for language ${b.language}`);
		}
		const blockedUntil = st.deletedTemplateNames.get(`${ch.id}:${b.name}`);
		if (blockedUntil && ctx.clock.now() < blockedUntil) {
			throw new HttpError(
				400,
				`Template name '${b.name}' was used by a deleted approved template and cannot be reused for 30 days`,
			);
		}
		const now = isoNaive(ctx.clock.now());
		const t = {
			id: `tpl_${hex(6)}`,
			meta_template_id: String(1000000000000000 + Math.floor(Math.random() * 899999999999999)),
			name: b.name,
			language: b.language,
			category: b.category,
			status: 'PENDING',
			components,
			parameter_format: b.parameter_format || 'positional',
			synced_at: now,
			created_at: now,
			channel_id: ch.id,
			account,
			edits: [],
		};
		st.templates.set(t.id, t);
		if (typeof ctx.options.templateReviewMs === 'number') {
			ctx.sched.later(ctx.options.templateReviewMs, () => {
				if (t.status === 'PENDING') t.status = 'APPROVED';
			});
		}
		return { status: 201, body: templateOut(t) };
	});
	route('GET', '/api/v1/channels/:id/templates/:tid', ({ account, params }) => ({
		body: templateOut(getTemplate(templateChannel(account, params.id), params.tid)),
	}));
	route('PUT', '/api/v1/channels/:id/templates/:tid', ({ account, params, json }) => {
		const b = validateBody(json(), {
			components: componentSpec,
			category: { type: 'string', nullable: true, pattern: '^(MARKETING|UTILITY|AUTHENTICATION)$' },
		});
		const t = getTemplate(templateChannel(account, params.id), params.tid);
		if (!['APPROVED', 'REJECTED', 'PAUSED'].includes(t.status))
			throw new HttpError(
				400,
				`Only APPROVED, REJECTED or PAUSED templates can be edited (status: ${t.status})`,
			);
		if (b.category && b.category !== t.category && t.status === 'APPROVED')
			throw new HttpError(400, 'Cannot change the category of an approved template');
		const components = checkComponents(b.components);
		const now = ctx.clock.now();
		if (t.status === 'APPROVED') {
			const recent = t.edits.filter((at) => now - at < 30 * 24 * 3600 * 1000);
			if (recent.some((at) => now - at < 24 * 3600 * 1000))
				throw new HttpError(400, 'Approved templates can be edited only once per 24 hours');
			if (recent.length >= 10)
				throw new HttpError(400, 'Approved templates can be edited at most 10 times per 30 days');
			t.edits.push(now);
		}
		t.components = components;
		if (b.category) t.category = b.category;
		t.status = 'PENDING';
		return { body: templateOut(t) };
	});
	route('DELETE', '/api/v1/channels/:id/templates/:tid', ({ account, params, query }) => {
		const all = parseBool(query.get('all_languages'), 'all_languages', false);
		const ch = templateChannel(account, params.id);
		const t = getTemplate(ch, params.tid);
		const st = state();
		const victims = all
			? [...st.templates.values()].filter((x) => x.channel_id === ch.id && x.name === t.name)
			: [t];
		for (const v of victims) {
			st.templates.delete(v.id);
			if (v.status === 'APPROVED')
				st.deletedTemplateNames.set(`${ch.id}:${v.name}`, ctx.clock.now() + 30 * 24 * 3600 * 1000);
		}
		return {
			body: {
				success: true,
				message: `Template '${t.name}' deleted`,
				deleted_count: victims.length,
			},
		};
	});

	/** Dispatch: returns `{ status, body | raw, headers }`. */
	function dispatch(req, url, rawBody, account) {
		const path = url.pathname.replace(/\/+$/, '') || '/';
		let methodMismatch = false;
		for (const r of routes) {
			const m = r.re.exec(path);
			if (!m) continue;
			if (r.method !== req.method) {
				methodMismatch = true;
				continue;
			}
			let parsed;
			const json = () => (parsed === undefined ? (parsed = parseJsonBody(rawBody)) : parsed);
			const params = {};
			for (const [k, v] of Object.entries(m.groups || {})) params[k] = decodeURIComponent(v);
			const out = r.handler({ account, params, query: url.searchParams, json });
			return { status: out.status || 200, ...out };
		}
		if (methodMismatch) throw new HttpError(405, 'Method Not Allowed');
		throw new HttpError(404, 'Not Found');
	}

	return { dispatch, channelOut };
}

function generatedProfile(type, userId) {
	if (!/^\d{10,}$/.test(userId)) return null;
	const tail = userId.slice(-4);
	if (type === 'instagram') {
		return {
			username: `sandbox_user_${tail}`,
			name: `Sandbox User ${tail}`,
			profile_pic: null,
			follower_count: 0,
			is_verified_user: false,
		};
	}
	return { first_name: 'Sandbox', last_name: `User ${tail}`, profile_pic: null };
}

module.exports = { createApi, channelOut, TEXT_LIMITS };
