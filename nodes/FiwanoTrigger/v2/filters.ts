import type { IDataObject } from 'n8n-workflow';

import type { FiwanoEvent } from './payload';

export const MESSAGE_TYPES = [
	'text',
	'image',
	'audio',
	'voice',
	'video',
	'document',
	'sticker',
	'unsupported',
] as const;

/** Events that carry a message (and so a message type); the others are statuses. */
const MESSAGE_EVENTS: ReadonlySet<string> = new Set(['message.received', 'message.echo']);

export interface EventFilters {
	events: ReadonlySet<string>;
	channels: ReadonlySet<string>;
	channelTypes: ReadonlySet<string>;
	messageTypes: ReadonlySet<string>;
}

function toSet(values: unknown): Set<string> {
	const list = Array.isArray(values)
		? values
		: typeof values === 'string' && values
			? values.split(',')
			: [];
	return new Set(list.map((value) => String(value).trim()).filter(Boolean));
}

export function buildFilters(events: unknown, options: IDataObject): EventFilters {
	return {
		events: toSet(events),
		channels: toSet(options.channels),
		channelTypes: toSet(options.channelTypes),
		messageTypes: toSet(options.messageTypes),
	};
}

/**
 * The message type a user filters on: the media kind when there is one (Fiwano sends voice
 * notes as type "audio" with kind "voice"), otherwise `data.type`.
 */
export function messageTypeOf(event: FiwanoEvent): string | undefined {
	const media = event.data.media as IDataObject | undefined;
	if (media && typeof media === 'object' && typeof media.kind === 'string') return media.kind;
	return typeof event.data.type === 'string' ? event.data.type : undefined;
}

/** Why the event is ignored, or undefined when it should start the workflow. Empty filter = all. */
export function filterReason(event: FiwanoEvent, filters: EventFilters): string | undefined {
	if (!filters.events.has(event.event)) return 'event';
	if (filters.channels.size && !filters.channels.has(event.channel_id)) return 'channel';
	if (filters.channelTypes.size && !filters.channelTypes.has(String(event.channel_type)))
		return 'channelType';
	// Status events carry no message type: the filter applies to received and echoed messages.
	if (filters.messageTypes.size && MESSAGE_EVENTS.has(event.event)) {
		const type = messageTypeOf(event);
		if (type === undefined || !filters.messageTypes.has(type)) return 'messageType';
	}
	return undefined;
}
