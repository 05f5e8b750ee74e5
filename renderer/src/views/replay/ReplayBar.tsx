/**
 * The replay's controls, always on screen above the views: play/pause, a scrubber over the whole
 * recording, the speed, what was recorded where, and the damage if the file was cut short.
 */
import { useSyncExternalStore } from 'react';
import type { RecordingHeader } from '../../../../contract/recording.js';
import { formatBytes } from '../../../../lib/format.js';
import { SPEEDS, type ReplayPlayer, type Speed } from '../../state/replay-player.js';

interface Props {
  player: ReplayPlayer;
  header: RecordingHeader;
  name: string;
  damage: string | null;
  /** back to the live dashboard (absent when the page is a replay only) */
  onClose?: () => void;
}

const clock = (ms: number) => {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
};

export function ReplayBar({ player, header, name, damage, onClose }: Props) {
  const st = useSyncExternalStore(player.subscribe, player.get);
  const sys = header.system;
  return (
    <section className="replay-bar" aria-label="replay">
      <button type="button" className="btn btn-primary" onClick={() => (st.playing ? player.pause() : player.play())}>
        {st.playing ? 'Pause' : 'Play'}
      </button>
      <input
        className="replay-scrubber"
        type="range"
        aria-label="replay position"
        min={0}
        max={st.spanMs}
        step={Math.max(1, Math.round(st.spanMs / 1000))}
        value={st.posMs}
        onChange={(e) => player.seek(Number(e.target.value))}
      />
      <span className="replay-time" aria-label="replay time">
        {clock(st.posMs)} / {clock(st.spanMs)}
      </span>
      <label className="inline-field">
        <span>Speed</span>
        <select aria-label="replay speed" value={st.speed} onChange={(e) => player.setSpeed(Number(e.target.value) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              ×{s}
            </option>
          ))}
        </select>
      </label>
      <span className="replay-file" title={`CoreScope ${header.corescope.app}, recording format ${header.formatVersion}`}>
        <b>{name}</b> · recorded {new Date(header.startedAt).toLocaleString()} on {sys.logicalCores} cores, {formatBytes(sys.totalMemoryBytes)}, {sys.platform}
      </span>
      {damage && (
        <span className="field-error replay-damage" role="alert">
          {damage}
        </span>
      )}
      {onClose && (
        <button type="button" className="btn" onClick={onClose}>
          Back to live
        </button>
      )}
    </section>
  );
}
