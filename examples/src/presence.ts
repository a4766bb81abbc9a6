// Online presence and typing indicators for the customer-support chat, shared between API instances.
import { redis } from './redis';

const PRESENCE_TTL_SECONDS = 60;
const TYPING_VISIBLE_MS = 5000;

interface PresenceUpdate {
  userId: string;
  status: 'online' | 'offline';
}

interface TypingUpdate {
  roomId: string;
  userId: string;
  at: number;
}

const onlineUsers = new Set<string>();
const typingByRoom = new Map<string, Map<string, number>>();

export async function heartbeat(userId: string): Promise<void> {
  const previous = await redis.set(`presence:${userId}`, 'online', 'EX', PRESENCE_TTL_SECONDS, 'GET');
  if (previous === null) {
    await redis.publish('presence:updates', JSON.stringify({ userId, status: 'online' } satisfies PresenceUpdate));
  }
}

export async function signOff(userId: string): Promise<void> {
  await redis.del(`presence:${userId}`);
  await redis.publish('presence:updates', JSON.stringify({ userId, status: 'offline' } satisfies PresenceUpdate));
}

export async function startTyping(roomId: string, userId: string): Promise<void> {
  await redis.publish('chat:typing', JSON.stringify({ roomId, userId, at: Date.now() } satisfies TypingUpdate));
}

export async function startPresenceListener(): Promise<void> {
  const subscriber = redis.duplicate();
  subscriber.on('message', (channel: string, message: string) => {
    if (channel === 'presence:updates') {
      const update = JSON.parse(message) as PresenceUpdate;
      if (update.status === 'online') onlineUsers.add(update.userId);
      else onlineUsers.delete(update.userId);
      return;
    }
    const update = JSON.parse(message) as TypingUpdate;
    const room = typingByRoom.get(update.roomId) ?? new Map<string, number>();
    room.set(update.userId, update.at + TYPING_VISIBLE_MS);
    typingByRoom.set(update.roomId, room);
  });
  await subscriber.subscribe('presence:updates', 'chat:typing');
}

export function whoIsTyping(roomId: string, now = Date.now()): string[] {
  const room = typingByRoom.get(roomId);
  if (!room) return [];
  return [...room].filter(([, visibleUntil]) => visibleUntil > now).map(([userId]) => userId);
}

export function onlineCount(): number {
  return onlineUsers.size;
}
