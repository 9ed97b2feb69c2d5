/** @jsxImportSource hono/jsx */
/**
 * The dashboard's pages: the overview (projects, sessions, recordings, connectors, callbacks,
 * faults, the event feed of every session) and one session's page (its live roster, its feed
 * and what can be done to it).
 * @module
 */
import type { FC } from 'hono/jsx';
import type { SessionFeedEvent } from '../stores/session-event-feed.js';
import { ActionForm, age, Badge, Choice, DASHBOARD_PATH, Field, Layout, Section, Table, Time } from './components.js';
import { type DashboardView, FEED_KINDS } from './dashboard-view.js';

type SessionView = DashboardView['state']['sessions'][number];

const sessionLink = (sessionId: unknown) => (
  <a href={`${DASHBOARD_PATH}/sessions/${encodeURIComponent(String(sessionId))}`} class="id">
    {String(sessionId)}
  </a>
);

/** The path of a download URL, so the page plays it from the address it was opened at. */
const localPath = (url: unknown): string | undefined => {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.pathname.startsWith('/_emulator/media/') ? parsed.pathname : url;
  } catch {
    return undefined;
  }
};

const Projects: FC<{ view: DashboardView }> = ({ view }) => (
  <Section id="projects" title="Projects and applications">
    {view.state.projects.map(({ apiKey }) => (
      <div class="project" data-api-key={apiKey}>
        <p>
          API key <code>{apiKey}</code>
        </p>
        <pre class="export">
          <code data-export={apiKey}>
            {`export OPENTOK_API_URL=${view.origin} OPENTOK_API_KEY=${apiKey} OPENTOK_API_SECRET=••••••••`}
          </code>
        </pre>
        <button type="button" data-reveal={apiKey}>
          Reveal secret
        </button>{' '}
        <button type="button" data-copy={apiKey}>
          Copy export line
        </button>
      </div>
    ))}
  </Section>
);

const Sessions: FC<{ view: DashboardView }> = ({ view }) => (
  <Section id="sessions" title="Sessions" live>
    <Table
      label="Sessions"
      headers={['Session', 'Media mode', 'Archive mode', 'E2EE', 'Age', 'Connections', 'Streams']}
      empty="No sessions yet: create one below or with the SDK."
      rows={view.state.sessions.map((session) => [
        sessionLink(session.sessionId),
        session.mediaMode,
        session.archiveMode,
        session.e2ee ? 'yes' : 'no',
        age(view.now, session.createdAt),
        String(session.connections.length),
        String(session.streams.length),
      ])}
    />
  </Section>
);

const CreateSession: FC<{ view: DashboardView }> = ({ view }) => (
  <Section id="create-session" title="Create a session">
    <ActionForm action="create-session" label="Create session">
      <Choice name="apiKey" label="Project" options={view.state.projects.map(({ apiKey }) => [apiKey, apiKey])} />
      <Choice
        name="mediaMode"
        label="Media mode"
        options={[
          ['routed', 'routed'],
          ['relayed', 'relayed'],
        ]}
      />
      <Choice
        name="archiveMode"
        label="Archive mode"
        options={[
          ['manual', 'manual'],
          ['always', 'always'],
        ]}
      />
      <div class="field check">
        <input type="checkbox" id="field-e2ee" name="e2ee" />
        <label for="field-e2ee">End-to-end encrypted</label>
      </div>
    </ActionForm>
  </Section>
);

const Archives: FC<{ view: DashboardView; sessionId?: string }> = ({ view, sessionId }) => {
  const archives = view.state.archives.filter((archive) => sessionId === undefined || archive.sessionId === sessionId);
  return (
    <>
      <Section id="archives" title="Archives" live>
        <Table
          label="Archives"
          headers={['Archive', 'Session', 'Name', 'Status', 'Output', 'Duration', 'Size', 'Download', 'Actions']}
          empty="No archives."
          rows={archives.map((archive) => [
            <code class="id" data-archive-id={String(archive.id)}>
              {String(archive.id)}
            </code>,
            sessionLink(archive.sessionId),
            String(archive.name ?? ''),
            <span data-archive-status={String(archive.id)}>
              <Badge value={archive.status} />
              {archive.reason ? ` ${String(archive.reason)}` : ''}
            </span>,
            String(archive.outputMode ?? ''),
            `${String(archive.duration ?? 0)} s`,
            `${String(archive.size ?? 0)} B`,
            localPath(archive.url) ? (
              <a href={localPath(archive.url)} download>
                {String(localPath(archive.url)).endsWith('.zip') ? 'ZIP' : 'MP4'}
              </a>
            ) : (
              '—'
            ),
            archive.status === 'started' || archive.status === 'paused' ? (
              <span class="buttons">
                <ActionForm action="stop-archive" label="Stop" inline fields={{ archiveId: String(archive.id) }} />
                <ActionForm action="fail-archive" label="Fail" inline fields={{ archiveId: String(archive.id) }} />
              </span>
            ) : (
              ''
            ),
          ])}
        />
      </Section>
      <Section id="players" title="Playback" live>
        {archives.filter((archive) => archive.status === 'available' && archive.outputMode !== 'individual').length ===
        0 ? (
          <p class="empty">An available composed archive plays here.</p>
        ) : (
          archives
            .filter((archive) => archive.status === 'available' && archive.outputMode !== 'individual')
            .map((archive) => (
              <figure>
                {/* biome-ignore lint/a11y/useMediaCaption: the emulator's archives hold colour bars, no speech */}
                <video
                  controls
                  preload="metadata"
                  src={localPath(archive.url)}
                  data-archive-video={String(archive.id)}
                  aria-label={`Archive ${String(archive.name || archive.id)}`}
                />
                <figcaption>{String(archive.name || archive.id)}</figcaption>
              </figure>
            ))
        )}
      </Section>
    </>
  );
};

const Broadcasts: FC<{ view: DashboardView; sessionId?: string }> = ({ view, sessionId }) => {
  const broadcasts = view.state.broadcasts.filter(
    (broadcast) => sessionId === undefined || broadcast.sessionId === sessionId,
  );
  return (
    <Section id="broadcasts" title="Broadcasts" live>
      <Table
        label="Broadcasts"
        headers={['Broadcast', 'Session', 'Status', 'HLS', 'RTMP', 'Actions']}
        empty="No broadcasts."
        rows={broadcasts.map((broadcast) => {
          const urls = (broadcast.broadcastUrls ?? {}) as {
            hls?: string;
            hlsStatus?: string;
            rtmp?: Array<Record<string, unknown>>;
          };
          return [
            <code class="id">{String(broadcast.id)}</code>,
            sessionLink(broadcast.sessionId),
            <Badge value={broadcast.status} />,
            urls.hls ? (
              <span>
                <code>{urls.hls}</code> {urls.hlsStatus ? <Badge value={urls.hlsStatus} /> : ''}
              </span>
            ) : (
              '—'
            ),
            (urls.rtmp ?? []).map((target) => (
              <div>
                <code>{String(target.serverUrl)}</code> <Badge value={target.status} />
              </div>
            )),
            broadcast.status === 'started' || broadcast.status === 'paused' ? (
              <ActionForm action="stop-broadcast" label="Stop" inline fields={{ broadcastId: String(broadcast.id) }} />
            ) : (
              ''
            ),
          ];
        })}
      />
    </Section>
  );
};

const Connectors: FC<{ view: DashboardView; sessionId?: string }> = ({ view, sessionId }) => {
  const mine = <T extends { sessionId?: unknown }>(items: T[]) =>
    items.filter((item) => sessionId === undefined || item.sessionId === sessionId);
  return (
    <Section id="connectors" title="SIP calls, renders, captions, Audio Connectors" live>
      <h3>SIP calls</h3>
      <Table
        label="SIP calls"
        headers={['Call', 'Session', 'URI', 'State', 'DTMF']}
        empty="No SIP calls."
        rows={mine(view.state.sipCalls).map((call) => [
          <code class="id">{call.id}</code>,
          sessionLink(call.sessionId),
          <code>{call.uri}</code>,
          <Badge value={call.state} />,
          call.dtmf.map(({ digits }) => digits).join(' '),
        ])}
      />
      <h3>Renders</h3>
      <Table
        label="Renders"
        headers={['Render', 'Session', 'URL', 'Status']}
        empty="No renders."
        rows={mine(view.state.renders).map((render) => [
          <code class="id">{String(render.id)}</code>,
          sessionLink(render.sessionId),
          <code>{String(render.url ?? '')}</code>,
          <Badge value={render.status} />,
        ])}
      />
      <h3>Captions</h3>
      <Table
        label="Captions"
        headers={['Captions', 'Session', 'Language', 'Status']}
        empty="No captions."
        rows={mine(view.state.captions as unknown as Array<Record<string, unknown>>).map((captions) => [
          <code class="id">{String(captions.captionId ?? captions.id ?? '')}</code>,
          sessionLink(captions.sessionId),
          String(captions.languageCode ?? ''),
          <Badge value={captions.status} />,
        ])}
      />
      <h3>Audio Connectors</h3>
      <Table
        label="Audio Connectors"
        headers={['Connector', 'Session', 'Status', 'Frames sent', 'Frames received']}
        empty="No Audio Connectors."
        rows={mine(view.state.audioConnections as unknown as Array<Record<string, unknown>>).map((connector) => [
          <code class="id">{String(connector.id ?? connector.connectionId ?? '')}</code>,
          sessionLink(connector.sessionId),
          <Badge value={connector.status ?? connector.state} />,
          String(connector.framesSent ?? 0),
          String(connector.framesReceived ?? 0),
        ])}
      />
    </Section>
  );
};

const Callbacks: FC<{ view: DashboardView }> = ({ view }) => (
  <Section id="callbacks" title="Callbacks" live>
    <Table
      label="Callback deliveries"
      headers={['Time', 'Event', 'URL', 'Status', 'Attempts', 'Body']}
      empty="No callback deliveries: set a callback URL with the SDK or the CLI."
      rows={[...view.deliveries].reverse().map((delivery) => [
        <Time at={delivery.createdAt} />,
        <span data-delivery-event={delivery.event}>{delivery.event}</span>,
        <code>{delivery.url}</code>,
        <span>
          <Badge value={delivery.status} />
          {delivery.responseStatus ? ` HTTP ${delivery.responseStatus}` : ''}
          {delivery.error ? ` ${delivery.error}` : ''}
        </span>,
        String(delivery.attempts),
        <details>
          <summary>JSON</summary>
          <pre>{JSON.stringify(delivery.payload, null, 2)}</pre>
        </details>,
      ])}
    />
  </Section>
);

const Faults: FC<{ view: DashboardView }> = ({ view }) => (
  <>
    <Section id="faults" title="Faults" live>
      <Table
        label="Queued faults"
        headers={['Method', 'Path', 'Status', 'Delay', 'Times left']}
        empty="No faults queued."
        rows={view.state.faults.map((fault) => [
          String(fault.method),
          <code>{String(fault.path)}</code>,
          String(fault.status ?? (fault.reset ? 'reset' : '')),
          `${String(fault.delayMs ?? 0)} ms`,
          String(fault.remaining ?? fault.times ?? ''),
        ])}
      />
      {view.state.faults.length > 0 ? <ActionForm action="clear-faults" label="Clear faults" /> : ''}
    </Section>
    <Section id="add-fault" title="Plant a fault">
      <ActionForm action="add-fault" label="Add fault">
        <Field name="method" label="Method" value="*" />
        <Field name="path" label="Path (glob)" placeholder="/v2/project/*/archive" required />
        <Field name="status" label="Status" type="number" value="503" />
        <Field name="times" label="Times" type="number" value="1" />
      </ActionForm>
    </Section>
  </>
);

/** One line of the event feed. */
function describeEvent(event: SessionFeedEvent): string {
  const record = event as unknown as Record<string, unknown>;
  const connection = record.connection as { connectionId?: string; data?: string | null } | undefined;
  const stream = record.stream as { streamId?: string; name?: string; videoType?: string } | undefined;
  switch (event.event) {
    case 'signal':
      return `type=${JSON.stringify(record.type ?? '')} data=${JSON.stringify(record.data ?? '')}`;
    case 'connectionCreated':
    case 'connectionDestroyed':
      return `${connection?.connectionId ?? ''}${connection?.data ? ` data=${connection.data}` : ''}${
        record.reason ? ` (${String(record.reason)})` : ''
      }`;
    case 'streamCreated':
    case 'streamDestroyed':
      return `${stream?.streamId ?? ''} ${stream?.videoType ?? ''} ${JSON.stringify(stream?.name ?? '')}${
        record.reason ? ` (${String(record.reason)})` : ''
      }`;
    default: {
      const { seq: _seq, sessionId: _session, createdAt: _created, to: _to, event: _event, ...rest } = record;
      const text = JSON.stringify(rest);
      return text.length > 300 ? `${text.slice(0, 300)}…` : text;
    }
  }
}

const Feed: FC<{ events: SessionFeedEvent[]; kind?: string | undefined; showSession: boolean }> = ({
  events,
  kind,
  showSession,
}) => (
  <>
    <form method="get" class="filter" aria-label="Filter the event feed">
      <Choice
        name="kind"
        id="feed-kind"
        label="Show"
        value={kind ?? ''}
        options={[['', 'all events'], ...Object.keys(FEED_KINDS).map((name): [string, string] => [name, name])]}
      />
      <button type="submit">Filter</button>
    </form>
    <Section id="feed" title="Event feed" live>
      {events.length === 0 ? (
        <p class="empty">No events yet.</p>
      ) : (
        <ol class="feed" aria-label="Events, newest first">
          {events.map((event) => (
            <li data-event={event.event}>
              <Time at={event.createdAt} /> <strong>{event.event}</strong>{' '}
              {showSession ? sessionLink(event.sessionId) : ''} <span>{describeEvent(event)}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  </>
);

/** `GET /_emulator/dashboard`: everything the emulator holds. */
export const OverviewPage: FC<{ view: DashboardView; events: SessionFeedEvent[]; kind?: string | undefined }> = ({
  view,
  events,
  kind,
}) => (
  <Layout title="Dashboard">
    <Projects view={view} />
    <Sessions view={view} />
    <CreateSession view={view} />
    <Archives view={view} />
    <Broadcasts view={view} />
    <Connectors view={view} />
    <Callbacks view={view} />
    <Faults view={view} />
    <Feed events={events} kind={kind} showSession />
  </Layout>
);

const Roster: FC<{ session: SessionView; now: number }> = ({ session, now }) => (
  <Section id="roster" title="Roster" live>
    <h3>Connections</h3>
    <Table
      label="Connections"
      headers={['Connection', 'Kind', 'Role', 'Data', 'Age', 'Actions']}
      empty="Nobody is connected."
      rows={session.connections.map((connection) => [
        <code class="id" data-connection-id={connection.connectionId}>
          {connection.connectionId}
        </code>,
        connection.kind,
        connection.role,
        connection.data ?? '',
        age(now, connection.createdAt),
        <ActionForm
          action="disconnect"
          label="Disconnect"
          inline
          fields={{ sessionId: session.sessionId, connectionId: connection.connectionId }}
        />,
      ])}
    />
    <h3>Streams</h3>
    <Table
      label="Streams"
      headers={['Stream', 'Name', 'Video type', 'Audio', 'Video', 'Layout classes', 'Muted', 'Actions']}
      empty="Nobody publishes."
      rows={session.streams.map((stream) => [
        <code class="id" data-stream-id={stream.streamId}>
          {stream.streamId}
        </code>,
        stream.name,
        stream.videoType,
        stream.hasAudio ? 'on' : 'off',
        stream.hasVideo ? 'on' : 'off',
        stream.layoutClassList.join(' '),
        stream.audioMuted ? 'muted' : 'no',
        stream.audioMuted ? (
          ''
        ) : (
          <ActionForm
            action="mute"
            label="Mute"
            inline
            fields={{ sessionId: session.sessionId, streamId: stream.streamId }}
          />
        ),
      ])}
    />
  </Section>
);

const SessionActions: FC<{ session: SessionView }> = ({ session }) => (
  <Section id="session-actions" title="Act on this session">
    <div class="grid">
      <ActionForm action="join" label="Join client" fields={{ sessionId: session.sessionId }}>
        <Choice
          name="role"
          label="Role"
          options={[
            ['publisher', 'publisher'],
            ['moderator', 'moderator'],
            ['subscriber', 'subscriber'],
          ]}
        />
        <Field name="data" id="join-data" label="Connection data" placeholder="userId=42" />
        <Choice
          name="publish"
          label="Publish"
          options={[
            ['audio,video', 'audio and video'],
            ['audio', 'audio only'],
            ['video', 'video only'],
            ['screen', 'screen'],
            ['none', 'nothing'],
          ]}
        />
        <Field name="name" id="join-name" label="Stream name" placeholder="Camera" />
      </ActionForm>
      <ActionForm action="signal" label="Send signal" fields={{ sessionId: session.sessionId }}>
        <Field name="type" id="signal-type" label="Signal type" placeholder="chat" />
        <Field name="data" id="signal-data" label="Signal data" required />
      </ActionForm>
      <ActionForm action="start-archive" label="Start archive" fields={{ sessionId: session.sessionId }}>
        <Field name="name" id="archive-name" label="Archive name" />
        <Choice
          name="outputMode"
          id="archive-output"
          label="Output"
          options={[
            ['composed', 'composed'],
            ['individual', 'individual'],
          ]}
        />
      </ActionForm>
      <ActionForm action="start-broadcast" label="Start broadcast" fields={{ sessionId: session.sessionId }}>
        <Field name="rtmpUrl" label="RTMP server (optional)" placeholder="rtmp://example.com/live" />
      </ActionForm>
    </div>
  </Section>
);

/** `GET /_emulator/dashboard/sessions/{sessionId}`: one session, live. */
export const SessionPage: FC<{
  view: DashboardView;
  session: SessionView;
  events: SessionFeedEvent[];
  kind?: string | undefined;
}> = ({ view, session, events, kind }) => (
  <Layout title="Session">
    <p>
      <code class="id" data-session-id={session.sessionId}>
        {session.sessionId}
      </code>
    </p>
    <dl class="facts">
      <dt>Project</dt>
      <dd>{session.apiKey}</dd>
      <dt>Media mode</dt>
      <dd>{session.mediaMode}</dd>
      <dt>Archive mode</dt>
      <dd>{session.archiveMode}</dd>
      <dt>E2EE</dt>
      <dd>{session.e2ee ? 'yes' : 'no'}</dd>
      <dt>Created</dt>
      <dd>
        <Time at={session.createdAt} />
      </dd>
    </dl>
    <Roster session={session} now={view.now} />
    <SessionActions session={session} />
    <Archives view={view} sessionId={session.sessionId} />
    <Broadcasts view={view} sessionId={session.sessionId} />
    <Connectors view={view} sessionId={session.sessionId} />
    <Feed events={events} kind={kind} showSession={false} />
  </Layout>
);
