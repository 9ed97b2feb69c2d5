import { InvalidArgumentError } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { OpenTok } from './opentok.js';

const opentok = new OpenTok('123456', '1234567890abcdef1234567890abcdef1234567890', { apiUrl: 'http://127.0.0.1:9' });

describe('OpenTok connectors', () => {
  it('exposes sip, renders, captions and audioConnector of the same client', () => {
    expect(opentok.sip).toBe(opentok.client.sip);
    expect(opentok.renders).toBe(opentok.client.renders);
    expect(opentok.captions).toBe(opentok.client.captions);
    expect(opentok.audioConnector).toBe(opentok.client.audioConnector);
    expect(typeof opentok.sip.dial).toBe('function');
    expect(typeof opentok.renders.all).toBe('function');
  });

  it('checks arguments before any request (nothing listens at the API URL)', async () => {
    await expect(opentok.sip.playDtmf('s', '12x')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(opentok.audioConnector.start('s', 't', { uri: 'http://example.com' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(
      opentok.renders.start({ sessionId: 's', token: 't', url: 'ftp://example.com/a' }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(opentok.captions.start('s', 't', { maxDuration: 10 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
