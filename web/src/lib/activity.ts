import { useEffect } from 'react';
import { api } from './api.ts';

// The server sets an agent away after minutes of inactivity (5 at the least); telling it once a
// minute while they read, scroll or type keeps them online without a request per keystroke.
const TELL_EVERY_MS = 60_000;
const SIGNS_OF_LIFE = ['pointerdown', 'keydown', 'wheel', 'focus'] as const;

/** Tells the server the agent is at their desk while they use the app, even when nothing else asks it anything. */
export function useActivityHeartbeat(): void {
  useEffect(() => {
    let last = 0;
    const active = () => {
      const now = Date.now();
      if (now - last < TELL_EVERY_MS || document.visibilityState !== 'visible') return;
      last = now;
      api.post('/routing/activity').catch(() => {});
    };
    for (const type of SIGNS_OF_LIFE) window.addEventListener(type, active, { passive: true });
    return () => {
      for (const type of SIGNS_OF_LIFE) window.removeEventListener(type, active);
    };
  }, []);
}
