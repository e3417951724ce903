import { randomUUID } from 'node:crypto';
import { DEMO_USERS, SANDBOX_TENANT_ID } from '../../sandbox/index.js';

/** A personal-chat message from Alex Wilber (Global Administrator, operator), in a new conversation unless named. */
export function benchMessage(
  text: string,
  serviceUrl: string,
  conversationId = `a:bench-${randomUUID()}`,
): { conversationId: string; activity: unknown } {
  const alex = DEMO_USERS.admin;
  return {
    conversationId,
    activity: {
      type: 'message',
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl,
      from: { id: '29:alex', name: alex.displayName, aadObjectId: alex.id },
      recipient: { id: '28:attachops-bot', name: 'AttachOps' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: SANDBOX_TENANT_ID },
      channelData: { tenant: { id: SANDBOX_TENANT_ID } },
      locale: 'en-US',
      text,
      textFormat: 'plain',
    },
  };
}
