'use strict';
// Subscriptions ("licenses") and their slots: one slot per channel type per subscription. A channel
// holds a slot by referencing its subscription record; deactivating keeps the slot, releasing frees it.
const { HttpError, hex, isoNaive } = require('./util');

const SLOT_TYPES = ['whatsapp', 'instagram', 'facebook'];
const TYPE_NAMES = { whatsapp: 'WhatsApp', instagram: 'Instagram', facebook: 'Facebook' };

/** SubscriptionInfo of ChannelOut (openapi): `status: 'none'` when the channel holds no slot. */
function subscriptionInfo(sub) {
	if (!sub)
		return {
			id: null,
			status: 'none',
			source: null,
			tier: null,
			expires_at: null,
			auto_renew: false,
		};
	return {
		id: sub.id,
		status: sub.status,
		source: sub.source,
		tier: sub.tier,
		expires_at: sub.expires_at,
		auto_renew: sub.auto_renew,
	};
}

function createSubscriptions(ctx) {
	const state = () => ctx.getState();
	const ofAccount = (account) =>
		[...state().subscriptions.values()].filter((s) => s.account === account);
	const occupant = (sub, type) =>
		[...state().channels.values()].find((c) => c.subscription === sub && c.channel_type === type);
	/** Free slots of a type in the account's active subscriptions, Pro first. */
	const freeSlots = (account, type) =>
		ofAccount(account)
			.filter((s) => s.status === 'active' && !occupant(s, type))
			.sort((a, b) => Number(b.tier === 'pro') - Number(a.tier === 'pro'));
	const occupiedBy = (account, type) =>
		ofAccount(account)
			.filter((s) => s.status === 'active')
			.map((s) => occupant(s, type))
			.filter(Boolean)
			.map((c) => c.id);

	/** GET /api/v1/subscriptions. The envelope is the sandbox's guess (README): only documented facts. */
	function list(account) {
		const subscriptions = ofAccount(account).map((s) => ({
			id: s.id,
			assigned_channels: Object.fromEntries(
				SLOT_TYPES.map((t) => [t, occupant(s, t) ? occupant(s, t).id : null]),
			),
		}));
		const available_slots = Object.fromEntries(
			SLOT_TYPES.map((t) => [t, { total: freeSlots(account, t).length }]),
		);
		return { subscriptions, available_slots };
	}

	function noFreeSlot(account, type) {
		return new HttpError(409, {
			code: 'no_free_slot',
			message: `Every ${TYPE_NAMES[type]} slot of this account is taken.`,
			occupied_by: occupiedBy(account, type),
			hint: 'Release a slot (deactivate a channel, then PATCH it with subscription_id: "") or add a subscription on the Billing page.',
		});
	}

	/** setup-url preconditions: 402 without an active subscription, 409 when no slot of the type is free. */
	function checkCanConnect(account, type) {
		const forced = state().faults.setupUrlError;
		if (
			forced === 'no_active_subscription' ||
			!ofAccount(account).some((s) => s.status === 'active')
		) {
			throw new HttpError(
				402,
				'No active subscription on this account. Subscribe on the Billing page before connecting a channel.',
			);
		}
		if (forced === 'no_free_slot' || freeSlots(account, type).length === 0)
			throw noFreeSlot(account, type);
	}

	/** Binds a newly connected channel to a free slot; returns false when none is left. */
	function assignFreeSlot(channel) {
		const sub = freeSlots(channel.account, channel.channel_type)[0];
		if (!sub) return false;
		channel.subscription = sub;
		return true;
	}

	/**
	 * Validates a PATCH `subscription_id` and returns the change to apply (or null), so nothing is
	 * mutated before every field is valid. `""` releases the slot of an inactive channel.
	 */
	function planChange(channel, subscriptionId) {
		if (subscriptionId === undefined) return null;
		if (subscriptionId === '') {
			if (channel.is_active) {
				throw new HttpError(409, {
					message: 'An active channel cannot release its subscription slot.',
					hint: 'Deactivate the channel first (DELETE /api/v1/channels/{id}), then PATCH it with subscription_id: "".',
				});
			}
			return () => (channel.subscription = null);
		}
		const target = state().subscriptions.get(subscriptionId);
		if (!target || target.account !== channel.account)
			throw new HttpError(404, `Subscription not found: ${subscriptionId}`);
		const holder = occupant(target, channel.channel_type);
		if (holder && holder !== channel) {
			throw new HttpError(409, {
				code: 'no_free_slot',
				message: `The ${TYPE_NAMES[channel.channel_type]} slot of subscription ${target.id} is taken by channel ${holder.id}.`,
				occupied_by: [holder.id],
				hint: 'Pick a subscription whose slot of this channel type is free (GET /api/v1/subscriptions).',
			});
		}
		return () => (channel.subscription = target);
	}

	/** Control: create (no subscription_id) or change a subscription record. */
	function upsert(body) {
		const fields = ['status', 'source', 'tier', 'expires_at', 'auto_renew'];
		let sub = body.subscription_id ? state().subscriptions.get(body.subscription_id) : null;
		if (body.subscription_id && !sub)
			throw new HttpError(404, `Subscription not found: ${body.subscription_id}`);
		if (!sub) {
			const now = ctx.clock.now();
			sub = {
				id: `sub_${hex(6)}`,
				account: body.account || state().keys.get(state().apiKey),
				status: 'active',
				source: 'paddle',
				tier: 'pro',
				expires_at: isoNaive(now + 30 * 86400000),
				auto_renew: true,
			};
			state().subscriptions.set(sub.id, sub);
		}
		for (const f of fields) if (body[f] !== undefined) sub[f] = body[f];
		return describe(sub);
	}

	function describe(sub) {
		return {
			...subscriptionInfo(sub),
			account: sub.account,
			slots: Object.fromEntries(
				SLOT_TYPES.map((t) => [t, occupant(sub, t) ? occupant(sub, t).id : null]),
			),
		};
	}

	return {
		list,
		checkCanConnect,
		assignFreeSlot,
		planChange,
		upsert,
		describe,
		occupiedBy,
		all: () => [...state().subscriptions.values()].map(describe),
	};
}

module.exports = { createSubscriptions, subscriptionInfo, SLOT_TYPES };
