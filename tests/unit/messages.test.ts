// Messages never pile up: identical ones merge, a topic's new message replaces its old one
// (each link's problems replace the last link's), and at most MAX_MESSAGES show.
import { beforeEach, describe, expect, it } from 'vitest';
import { clearTopic, MAX_MESSAGES, pushMessage, useStore } from '../../src/ui/store';

const messages = () => useStore.getState().view.messages;

beforeEach(() => {
  useStore.setState((s) => ({ view: { ...s.view, messages: [] } }));
});

describe('messages', () => {
  it('identical messages merge into one with a count', () => {
    pushMessage('warning', 'device lost');
    pushMessage('warning', 'device lost');
    pushMessage('warning', 'device lost');
    expect(messages()).toHaveLength(1);
    expect(messages()[0]!.count).toBe(3);
  });

  it("a link's problems replace the previous link's, and a clean link clears them", () => {
    pushMessage('warning', 'GPU note');
    pushMessage('warning', 'link one was bad', { topic: 'link' });
    pushMessage('warning', 'link two was bad', { topic: 'link' });
    expect(messages().map((m) => m.text)).toEqual(['GPU note', 'link two was bad']);
    clearTopic('link');
    expect(messages().map((m) => m.text)).toEqual(['GPU note']);
  });

  it(`3,200 different messages leave the newest ${MAX_MESSAGES}`, () => {
    for (let i = 0; i < 3200; i++) pushMessage('warning', `problem ${i}`);
    expect(messages().map((m) => m.text)).toEqual(
      Array.from({ length: MAX_MESSAGES }, (_, k) => `problem ${3200 - MAX_MESSAGES + k}`),
    );
  });
});
