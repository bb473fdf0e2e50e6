import { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import './app.css';

declare const require: (id: string) => any;

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // In WeChat the worker is already known: log in silently, so a poster scan can book in one tap.
    // Failure is fine here; LoginForm offers the button again when an action needs a session.
    // `require` inside the constant branch keeps the API client out of the h5 entry chunk.
    if (process.env.TARO_ENV === 'weapp') require('./services/autoLogin').autoLogin();
    // before any page can call a protected API: the consent sheet answers WeChat's privacy check
    if (process.env.TARO_ENV === 'weapp') require('./services/privacy').listenForPrivacy();
    // h5: the title bar's title (the page's navigationBarTitleText) is each page's heading
    if (process.env.TARO_ENV === 'h5') {
      const title = document.querySelector('.taro-navigation-bar-title');
      title?.setAttribute('role', 'heading');
      title?.setAttribute('aria-level', '1');
    }
  });
  return children;
}

export default App;
