// Asked when the syncer runs with --api_token and the console has no token (or a refused one). The token
// is kept in sessionStorage for this tab only.
import { useState } from 'preact/hooks';

export function TokenForm({ refused, onToken }: { refused: boolean; onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  return (
    <main>
      <form
        class="token-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (token !== '') onToken(token);
        }}
      >
        <h1>API token</h1>
        <p>This syncer runs with --api_token: enter it to see and manage its jobs.</p>
        {refused ? (
          <p class="error" id="token-refused">
            The syncer refused that token.
          </p>
        ) : null}
        <input
          type="password"
          id="token"
          autocomplete="off"
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />{' '}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
