/** The conversation a message or a card click came from, as Teams names it. */
export interface ConversationInfo {
  readonly id: string;
  readonly type: 'personal' | 'groupChat' | 'channel';
  readonly tenantId?: string;
}
