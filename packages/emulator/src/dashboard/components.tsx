/** @jsxImportSource hono/jsx */
/**
 * The pieces the dashboard pages are built of: the layout, tables, action forms. Server-side
 * JSX (`hono/jsx`), escaped by construction; `data-live` marks what the page script refreshes
 * and `data-action` the forms it sends as JSON to `/_emulator/dashboard/actions/{action}`.
 * @module
 */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';

/** Where the dashboard is served. */
export const DASHBOARD_PATH = '/_emulator/dashboard';

/** The page shell: styles, the live script, navigation. */
export const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · OpenTok emulator`}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href={`${DASHBOARD_PATH}/assets/dashboard.css`} />
      <script src={`${DASHBOARD_PATH}/assets/dashboard.js`} defer />
    </head>
    <body>
      <header>
        <nav aria-label="Dashboard">
          <a href={DASHBOARD_PATH}>OpenTok emulator</a>
          <span id="live-status" role="status" aria-live="polite">
            static
          </span>
        </nav>
      </header>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
      <output id="action-result" aria-live="polite" />
    </body>
  </html>
);

/** A section with a heading; `live` makes the page script replace it when it changes. */
export const Section: FC<PropsWithChildren<{ id: string; title: string; live?: boolean }>> = ({
  id,
  title,
  live,
  children,
}) => (
  <section id={id} aria-labelledby={`${id}-title`} data-live={live ? '' : undefined}>
    <h2 id={`${id}-title`}>{title}</h2>
    {children}
  </section>
);

/** A table with a caption-less header row; an empty body shows `empty`. */
export const Table: FC<{ headers: string[]; rows: Child[][]; empty: string; label: string }> = ({
  headers,
  rows,
  empty,
  label,
}) =>
  rows.length === 0 ? (
    <p class="empty">{empty}</p>
  ) : (
    <div class="scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {headers.map((header) => (
              <th scope="col">{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells) => (
            <tr>
              {cells.map((cell) => (
                <td>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

/** A form the page script sends as JSON to an action; `fields` are hidden inputs. */
export const ActionForm: FC<
  PropsWithChildren<{ action: string; label: string; fields?: Record<string, string>; inline?: boolean }>
> = ({ action, label, fields = {}, inline, children }) => (
  <form data-action={action} class={inline ? 'inline' : 'action'} aria-label={label}>
    {Object.entries(fields).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    {children}
    <button type="submit">{label}</button>
  </form>
);

/** A labelled input; `id` must be unique in the page (default `field-{name}`). */
export const Field: FC<{
  name: string;
  label: string;
  id?: string;
  value?: string;
  type?: string;
  placeholder?: string;
  required?: boolean;
}> = ({ name, label, id = `field-${name}`, value, type = 'text', placeholder, required }) => (
  <div class="field">
    <label for={id}>{label}</label>
    <input id={id} name={name} type={type} value={value} placeholder={placeholder} required={required} />
  </div>
);

/** A labelled select; `id` must be unique in the page (default `field-{name}`). */
export const Choice: FC<{
  name: string;
  label: string;
  id?: string;
  options: Array<[string, string]>;
  value?: string;
}> = ({ name, label, id = `field-${name}`, options, value }) => (
  <div class="field">
    <label for={id}>{label}</label>
    <select id={id} name={name}>
      {options.map(([option, text]) => (
        <option value={option} selected={option === value}>
          {text}
        </option>
      ))}
    </select>
  </div>
);

/** A time as `12:03:04` with the full date in its `datetime`. */
export const Time: FC<{ at: number }> = ({ at }) => (
  <time datetime={new Date(at).toISOString()}>{new Date(at).toISOString().slice(11, 19)}</time>
);

/** How long ago, in words: `42 s`, `3 min`, `2 h`. */
export function age(now: number, then: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** A status as a badge whose class follows the value. */
export const Badge: FC<{ value: unknown }> = ({ value }) => (
  <span class={`badge badge-${String(value)}`}>{String(value)}</span>
);
