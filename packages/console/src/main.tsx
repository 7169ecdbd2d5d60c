// The console's shell: the route (#/ the job list, #/job/NAME a job) and the token. A 401 from any call
// sends the user to the token form; a token given there is tried at once.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { forgetToken, storedToken, storeToken } from './api';
import { JobList } from './job-list';
import { JobPage } from './job-page';
import { AuthLost } from './polling';
import { TokenForm } from './token-form';
import './style.css';

type Route = { page: 'jobs' } | { page: 'job'; name: string };

function routeOf(hash: string): Route {
  const job = /^#\/job\/(.+)$/.exec(hash);
  return job ? { page: 'job', name: decodeURIComponent(job[1]!) } : { page: 'jobs' };
}

function App() {
  const [route, setRoute] = useState(routeOf(location.hash));
  /** `asked`: no token yet; `refused`: the one stored was refused. */
  const [auth, setAuth] = useState<'ok' | 'asked' | 'refused'>('ok');
  useEffect(() => {
    const follow = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const authLost = () => {
    const had = storedToken() !== null;
    forgetToken();
    // Several reads may be refused at once: the first says whether a token was refused or none given.
    setAuth((now) => (now !== 'ok' ? now : had ? 'refused' : 'asked'));
  };
  return (
    <AuthLost.Provider value={authLost}>
      <header>
        <a href="#/">ccr-syncer</a>
      </header>
      {auth !== 'ok' ? (
        <TokenForm
          refused={auth === 'refused'}
          onToken={(token) => {
            storeToken(token);
            setAuth('ok');
          }}
        />
      ) : route.page === 'job' ? (
        <JobPage key={route.name} name={route.name} />
      ) : (
        <JobList />
      )}
    </AuthLost.Provider>
  );
}

render(<App />, document.getElementById('app')!);
