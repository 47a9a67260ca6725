/**
 * Issue 9's targets, judged against one bench result. A target is met, missed, or not measured
 * (its phase was skipped or failed). `pnpm bench --check` exits non-zero when one is missed; a
 * plain `pnpm bench` only reports.
 */
import { bytes, ms } from './stats.mjs';

const KB = 1024;
/** Idle memory is measured on the scale phase's 1,000 sessions, so it is in both sections. */
const SECTION_OF = { 'memory-heap': 'idle', 'memory-rss': 'idle', rerun: 'rerun', scale: 'scale', memory: 'memory', cold: 'cold', frontend: 'frontend', wire: 'wire', browser: 'browser', login: 'login' };

/**
 * One row per target: `{ id, section, what, target, measured, met }`, `met` true, false or null.
 *
 * @example
 * const missed = checkTargets(result).filter((t) => t.met === false);
 */
export function checkTargets(r) {
  const rows = [];
  // The id's first word is the bench section it belongs to (`--only` names sections).
  const add = (id, what, target, measured, met) => rows.push({ id, section: SECTION_OF[id] ?? SECTION_OF[id.split('-')[0]], what, target, measured, met });
  const has = (...values) => values.every((v) => v !== undefined && v !== null && !Number.isNaN(v));

  const floor = r.floor?.total;
  const rt = r.rerun;
  add(
    'rerun-p50',
    'rerun round trip p50, 30-element app (worker thread, the default)',
    `≤ floor + 0.3 ms${has(floor) ? ` = ${ms(floor + 0.3)}` : ''}`,
    ms(rt?.p50),
    has(rt?.p50, floor) ? rt.p50 <= floor + 0.3 : null,
  );
  add('rerun-p99', 'rerun round trip p99 (worker thread)', '≤ 5 ms', ms(rt?.p99), has(rt?.p99) ? rt.p99 <= 5 : null);
  add('rerun-bytes', 'bytes per rerun, one value changed', '≤ 600 B', bytes(rt?.bytesPerRerun), has(rt?.bytesPerRerun) ? rt.bytesPerRerun <= 600 : null);
  add('rerun-messages', 'messages per rerun', '≤ 3', rt?.messagesPerRerun ?? '–', has(rt?.messagesPerRerun) ? rt.messagesPerRerun <= 3 : null);

  const s50 = r.scale?.closed50;
  add('scale-50-rate', '50 sessions, closed loop: reruns per second', '≥ 2,000/s', has(s50?.rerunsPerSecond) ? `${s50.rerunsPerSecond}/s` : '–', has(s50?.rerunsPerSecond) ? s50.rerunsPerSecond >= 2000 : null);
  add('scale-50-p99', '50 sessions, closed loop: p99', '≤ 50 ms', ms(s50?.p99), has(s50?.p99) ? s50.p99 <= 50 : null);
  const s1k = r.scale?.rate1000;
  add('scale-1000-p99', `${s1k?.sessions ?? 1000} sessions at 1 rerun/s: p99`, '≤ 50 ms', ms(s1k?.p99), has(s1k?.p99) ? s1k.p99 <= 50 : null);
  add('scale-1000-errors', `${s1k?.sessions ?? 1000} sessions at 1 rerun/s: errors`, '0', s1k?.errors ?? '–', has(s1k?.errors) ? s1k.errors === 0 : null);
  add('scale-1000-dropped', `${s1k?.sessions ?? 1000} sessions at 1 rerun/s: dropped connections`, '0', s1k?.dropped ?? '–', has(s1k?.dropped) ? s1k.dropped === 0 : null);

  const idle = r.memory?.idle;
  add('memory-heap', 'heap per idle session (after GC, all threads)', '≤ 32 KB', bytes(idle?.heapPerSessionBytes), has(idle?.heapPerSessionBytes) ? idle.heapPerSessionBytes <= 32 * KB : null);
  add('memory-rss', 'RSS per idle session', '≤ 32 KB', bytes(idle?.rssPerSessionBytes), has(idle?.rssPerSessionBytes) ? idle.rssPerSessionBytes <= 32 * KB : null);
  const growth = r.memory?.heapGrowth;
  add(
    'memory-flat',
    `heap after ${growth?.points?.[1]?.reruns ?? '10,000'} reruns vs after ${growth?.points?.[0]?.reruns ?? '1,000'} (one session)`,
    'flat: |Δ| ≤ 1 MB',
    has(growth?.heapGrowthBytes) ? `Δ ${bytes(growth.heapGrowthBytes)}` : '–',
    has(growth?.heapGrowthBytes) ? Math.abs(growth.heapGrowthBytes) <= KB * KB : null,
  );

  const cold = r.coldStart;
  add('cold-health', 'cold start: spawn → /_stcore/health answers (p50)', '≤ 300 ms', ms(cold?.health?.p50), has(cold?.health?.p50) ? cold.health.p50 <= 300 : null);

  const core = r.frontend?.core;
  const coreGzip = has(core?.js?.gzip, core?.css?.gzip) ? core.js.gzip + core.css.gzip : undefined;
  add('frontend-core', 'core page JS + CSS, gzip', '≤ 120 KB', bytes(coreGzip), has(coreGzip) ? coreGzip <= 120 * KB : null);

  const wire = r.wire;
  add('wire-1-of-1000', 'bytes sent when 1 of 1,000 elements changes', '≤ 1 KB', bytes(wire?.bytesPerRerun), has(wire?.bytesPerRerun) ? wire.bytesPerRerun <= KB : null);

  const browser = r.browser;
  const allowed = has(browser?.serverRoundTrip?.p50) ? browser.serverRoundTrip.p50 + 16 : undefined;
  add(
    'browser-click',
    'click → DOM in Chromium (p50)',
    `≤ server round trip + 16 ms${has(allowed) ? ` = ${ms(allowed)}` : ''}`,
    ms(browser?.clickToDom?.p50),
    has(browser?.clickToDom?.p50, allowed) ? browser.clickToDom.p50 <= allowed : null,
  );

  const login = r.login;
  add('login-route', 'login route, server side (p50)', '≤ 5 ms', ms(login?.loginRouteMs?.p50), has(login?.loginRouteMs?.p50) ? login.loginRouteMs.p50 <= 5 : null);
  add('login-callback', 'callback, server side, provider round trips excluded (p50)', '≤ 5 ms', ms(login?.callbackMs?.p50), has(login?.callbackMs?.p50) ? login.callbackMs.p50 <= 5 : null);
  add('login-identify', 'identity read at WebSocket connect (p50)', '≤ 0.2 ms', ms(login?.identifyMs?.p50), has(login?.identifyMs?.p50) ? login.identifyMs.p50 <= 0.2 : null);
  return rows;
}
