/**
 * The REST meanings of the four names the `OpenTok` namespace gives their 2.x meaning, under
 * their other names (`OpenTok.RestArchive`, …), in CommonJS types. Ours only. Never run.
 * @module
 */
import OpenTok = require('opentok');

declare const opentok: OpenTok;

async function modern(): Promise<void> {
  const archive: OpenTok.RestArchive = await opentok.archives.get('archive');
  const broadcast: OpenTok.RestBroadcast = await opentok.broadcasts.get('broadcast');
  const partners: string[] = [archive.partnerId, broadcast.partnerId];
  const dial: OpenTok.RestDialOptions = { uri: 'sip:user@sip.example.com' };
  const signal: OpenTok.RestSignalOptions = { connectionId: 'connection' };
  void [partners, dial, signal];
  // The 2.x names: what the 2.x methods hand out.
  const legacy: OpenTok.Archive = await opentok.getArchive('archive');
  const stopped: Promise<OpenTok.Archive> | undefined = legacy.stop();
  void stopped;
  // @ts-expect-error the 2.x broadcast has no partnerId
  void (await opentok.getBroadcast('broadcast')).partnerId;
}
void modern;
