'use strict';
// Deterministic seed data and the in-memory state of one sandbox.
const { isoNaive, hex } = require('./util');

const DEFAULT_API_KEY = 'mip_live_sandbox_key';
const DAY = 24 * 60 * 60 * 1000;

/** Stable IDs, documented in README.md. */
const IDS = {
	account: 'acc_sandbox',
	whatsapp: 'a1b2c3d4e5f67890',
	instagram: 'b2c3d4e5f6789012',
	facebook: 'c3f8a1b2e4d56789',
	whatsappInactive: 'd4e5f6a7b8c90123',
	redirect: 'redir_sandbox_local',
	subscriptions: {
		pro: 'sub_sandbox_pro',
		trial: 'sub_sandbox_trial',
		starter: 'sub_sandbox_starter',
		expired: 'sub_sandbox_expired',
		spare: 'sub_sandbox_spare',
	},
	templates: {
		orderConfirmation: 'tpl_order_confirmation',
		welcomeMessage: 'tpl_welcome_message',
		helloWorld: 'tpl_hello_world',
		pendingPromo: 'tpl_summer_promo',
		rejected: 'tpl_rejected_offer',
	},
	users: {
		whatsapp: '15551234567',
		instagram: '6543217890123456',
		facebook: '7890123456789012',
		instagramPrivate: '6543217890000000',
	},
};

const EVENTS_BY_TYPE = {
	whatsapp: [
		'message.received',
		'message.sent',
		'message.delivered',
		'message.read',
		'message.failed',
	],
	instagram: ['message.received', 'message.delivered', 'message.read'],
	facebook: ['message.received', 'message.delivered', 'message.read'],
};
/** Events a channel gets only when listed explicitly (never on by default). */
const OPTIONAL_EVENTS = ['message.echo'];
const allowedEvents = (type) => [...EVENTS_BY_TYPE[type], ...OPTIONAL_EVENTS];

/** A subscription ("license"): one slot per channel type; a channel holds a slot by referencing it. */
function subscription(id, status, source, tier, expiresAt, autoRenew) {
	return {
		id,
		account: IDS.account,
		status,
		source,
		tier,
		expires_at: expiresAt,
		auto_renew: autoRenew,
	};
}

function seedSubscriptions(now) {
	const S = IDS.subscriptions;
	const in30 = isoNaive(now + 30 * DAY);
	return [
		subscription(S.pro, 'active', 'paddle', 'pro', in30, true),
		subscription(S.trial, 'active', 'trial', 'pro', isoNaive(now + 7 * DAY), false),
		subscription(S.starter, 'active', 'paddle', 'starter', in30, true),
		subscription(S.expired, 'expired', 'paddle', 'pro', '2024-12-01T09:00:00', false),
		// Unused: headroom for connecting channels in e2e runs and `npm run try` sessions.
		subscription(S.spare, 'active', 'paddle', 'pro', in30, true),
	];
}

function baseChannel(fields) {
	return {
		name: null,
		is_active: true,
		phone_number_id: null,
		phone_number: null,
		waba_id: null,
		quality_rating: null,
		ig_account_id: null,
		ig_username: null,
		page_id: null,
		webhook_url: null,
		webhook_secret: null,
		webhook_events: [],
		echo_statuses: false,
		connected_at: '2025-01-15T10:30:00',
		created_at: '2025-01-15T10:30:00',
		token_expires_at: null,
		...fields,
	};
}

function seedChannels(now, opts, subs) {
	const S = IDS.subscriptions;
	const in60 = isoNaive(now + 60 * DAY);
	const list = [
		baseChannel({
			id: IDS.whatsapp,
			channel_type: 'whatsapp',
			name: 'Sandbox Business',
			phone_number_id: '106540352242922',
			phone_number: '+15550001111',
			waba_id: '102290129340398',
			quality_rating: 'GREEN',
			token_expires_at: in60,
			subscription: subs.get(S.pro),
		}),
		baseChannel({
			id: IDS.instagram,
			channel_type: 'instagram',
			name: 'sandbox.shop',
			ig_account_id: '17841400123456',
			ig_username: 'sandbox.shop',
			page_id: '104857600000001',
			token_expires_at: in60,
			subscription: subs.get(S.trial),
		}),
		baseChannel({
			id: IDS.facebook,
			channel_type: 'facebook',
			name: 'Sandbox Page',
			page_id: '104857600000002',
			token_expires_at: in60,
			subscription: subs.get(S.starter),
		}),
		baseChannel({
			id: IDS.whatsappInactive,
			channel_type: 'whatsapp',
			name: 'Old Number',
			is_active: false,
			phone_number_id: '106540352242999',
			phone_number: '+15550009999',
			waba_id: '102290129340398',
			connected_at: '2024-06-01T09:00:00',
			created_at: '2024-06-01T09:00:00',
			subscription: subs.get(S.expired),
		}),
	];
	for (const ch of list) {
		ch.account = IDS.account;
		if (opts.webhookUrl && ch.is_active) {
			ch.webhook_url = opts.webhookUrl;
			ch.webhook_secret = opts.webhookSecret || hex(32);
			const wanted = opts.webhookEvents || EVENTS_BY_TYPE[ch.channel_type];
			ch.webhook_events = wanted.filter((e) => allowedEvents(ch.channel_type).includes(e));
		}
	}
	return list;
}

function tpl(id, metaId, name, status, category, components, parameterFormat, language) {
	return {
		id,
		meta_template_id: metaId,
		name,
		language: language || 'en_US',
		category,
		status,
		components,
		parameter_format: parameterFormat || 'positional',
		synced_at: '2025-01-15T10:30:00',
		created_at: '2025-01-15T10:30:00',
		channel_id: IDS.whatsapp,
		account: IDS.account,
		edits: [],
	};
}

function seedTemplates() {
	const T = IDS.templates;
	return [
		tpl(T.orderConfirmation, '1234567890123401', 'order_confirmation', 'APPROVED', 'UTILITY', [
			{
				type: 'HEADER',
				format: 'TEXT',
				text: '{{1}} is here',
				example: { header_text: ['Summer Sale'] },
			},
			{
				type: 'BODY',
				text: 'Hi {{1}}, your order {{2}} is confirmed. Enjoy {{3}} off your next order!',
				example: { body_text: [['Pablo', 'ORD-123', '25%']] },
			},
			{ type: 'FOOTER', text: 'Sandbox Business' },
			{
				type: 'BUTTONS',
				buttons: [
					{
						type: 'URL',
						text: 'Use code',
						url: 'https://shop.example.com/promo/{{1}}',
						example: ['https://shop.example.com/promo/promo25'],
					},
					{ type: 'QUICK_REPLY', text: 'Stop promotions' },
				],
			},
		]),
		tpl(
			T.welcomeMessage,
			'1234567890123402',
			'welcome_message',
			'APPROVED',
			'MARKETING',
			[
				{
					type: 'BODY',
					text: 'Welcome {{customer_name}}! Your order {{order_number}} is on its way.',
					example: {
						body_text_named_params: [
							{ param_name: 'customer_name', example: 'Pablo' },
							{ param_name: 'order_number', example: 'ORD-123' },
						],
					},
				},
			],
			'named',
		),
		tpl(T.helloWorld, '1234567890123403', 'hello_world', 'APPROVED', 'UTILITY', [
			{ type: 'BODY', text: 'Hello from the Fiwano sandbox!' },
		]),
		tpl(T.pendingPromo, '1234567890123404', 'summer_promo', 'PENDING', 'MARKETING', [
			{
				type: 'BODY',
				text: 'Hi {{1}}, our summer sale starts today!',
				example: { body_text: [['Pablo']] },
			},
		]),
		tpl(T.rejected, '1234567890123405', 'rejected_offer', 'REJECTED', 'MARKETING', [
			{ type: 'BODY', text: 'CLICK NOW {{1}}!!!', example: { body_text: [['http://spam']] } },
		]),
	];
}

function seedProfiles() {
	const U = IDS.users;
	return {
		[`${IDS.instagram}:${U.instagram}`]: {
			username: 'johndoe',
			name: 'John Doe',
			profile_pic: 'https://scontent.cdninstagram.com/sandbox/johndoe.jpg',
			follower_count: 1500,
			is_verified_user: false,
		},
		[`${IDS.instagram}:${U.instagramPrivate}`]: null,
		[`${IDS.facebook}:${U.facebook}`]: {
			first_name: 'John',
			last_name: 'Doe',
			profile_pic: 'https://platform-lookaside.fbsbx.com/sandbox/johndoe.jpg',
		},
	};
}

/** Fault switches set through POST /_sandbox/faults (README). */
function defaultFaults() {
	return {
		next429: 0,
		next503: 0,
		retryAfter: 1,
		slowMs: 0,
		failNextSend: [],
		transientNextSend: 0,
		setupUrlError: null,
		oauthError: null,
	};
}

/** Build a fresh state. `clock` is shared across resets so advanced time persists. */
function createState(opts, clock) {
	const now = clock.now();
	const apiKey = opts.apiKey || DEFAULT_API_KEY;
	const keys = new Map([[apiKey, IDS.account]]);
	(opts.extraApiKeys || []).forEach((k, i) => keys.set(k, `acc_extra_${i + 1}`));
	const subscriptions = new Map(seedSubscriptions(now).map((s) => [s.id, s]));
	const channels = new Map(seedChannels(now, opts, subscriptions).map((c) => [c.id, c]));
	const templates = new Map(seedTemplates().map((t) => [t.id, t]));
	const redirects = new Map([
		[
			IDS.redirect,
			{
				id: IDS.redirect,
				uri_pattern: 'http://localhost:*',
				created_at: '2025-01-15T10:30:00',
				account: IDS.account,
			},
		],
	]);
	return {
		apiKey,
		keys,
		subscriptions,
		channels,
		templates,
		redirects,
		deletedTemplateNames: new Map(),
		media: new Map(),
		sessions: new Map(),
		codes: new Map(),
		profiles: seedProfiles(),
		profileCache: new Map(),
		messages: [],
		echoes: [],
		deliveries: [],
		requests: [],
		events: [],
		faults: defaultFaults(),
		rate: new Map(),
	};
}

module.exports = {
	createState,
	defaultFaults,
	IDS,
	EVENTS_BY_TYPE,
	OPTIONAL_EVENTS,
	allowedEvents,
	DEFAULT_API_KEY,
};
