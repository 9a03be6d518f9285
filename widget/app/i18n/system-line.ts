/** A system line in the visitor's language, worded from its event and the names it carries. */
import type { ChatMessage, SystemEvent } from '../../../protocol/chat';
import type { Key, Translate } from '.';

const KEYS: Record<SystemEvent, Key> = {
  agent_joined: 'agentJoined',
  agent_left: 'agentLeft',
  invited: 'agentInvited',
  transferred: 'transferredTo',
  ended: 'chatEndedBy',
  visitor_left: 'visitorLeft',
  inactive: 'chatInactive',
  missed: 'chatMissed',
  reopened: 'chatReopened',
};

export function systemText(message: ChatMessage, t: Translate): string {
  const { event, actors } = message;
  // Lines stored before they carried names keep their English text.
  if (!event || !actors) return message.text;
  return t(event === 'transferred' && actors.queue !== undefined ? 'transferredToQueue' : KEYS[event], { ...actors });
}
