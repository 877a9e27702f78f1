import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { button, input } from '../components/ui.tsx';
import { ApiError } from '../lib/api.ts';
import { signIn } from '../lib/session.ts';

export function SignInPage() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not reach Tend. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="grid min-h-full place-items-center bg-stone-100 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <span className="grid size-9 place-items-center rounded-lg bg-brand-700 text-lg font-bold text-white">T</span>
          <span className="text-xl font-semibold tracking-tight">Tend</span>
        </div>
        <form onSubmit={(e) => void submit(e)} className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
          <h1 className="text-base font-semibold">Sign in to your workspace</h1>
          <div className="space-y-1">
            <label htmlFor="email" className="text-sm font-medium text-stone-700">
              Email
            </label>
            <input id="email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} className={input} />
          </div>
          <div className="space-y-1">
            <label htmlFor="password" className="text-sm font-medium text-stone-700">
              Password
            </label>
            <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} className={input} />
          </div>
          {error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy} className={`${button.primary} w-full py-2`}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
