/**
 * `npm run chat`: talk to 工友小助手 in the terminal with the same handler as WeChat, no account
 * needed. Rights questions work without the server; services say so politely when it is down.
 * Type /群 to act as a group member (then address the bot by name or @name), /私聊 to go back.
 */
import { createInterface } from 'node:readline';
import { createApiClient } from './api.js';
import { apiBaseUrlFrom, botOptionsFromEnv } from './config.js';
import { renderText } from './format.js';
import { createHandler, DEFAULT_NAME } from './handler.js';

function main() {
  const options = botOptionsFromEnv(process.env);
  const name = options.name ?? DEFAULT_NAME;
  const api = createApiClient({ baseUrl: apiBaseUrlFrom(process.env), botToken: options.botToken, timeoutMs: 3000 });
  const handle = createHandler({ api, name, staff: options.staff, userRateLimit: options.userRateLimit });
  const me = process.env.CHAT_NAME || '终端用户';
  const h5Base = options.h5BaseUrl ?? api.baseUrl;
  let inRoom = false;

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const prompt = () => process.stdin.isTTY && rl.prompt();
  rl.setPrompt(inRoom ? '你（群聊）：' : '你：');
  console.log(`${name}：你好！我是${name}（服务器 ${api.baseUrl}）。直接提问，比如「老板拖欠工资怎么办」；输入 帮助 看我能做什么，/群 模拟群聊，Ctrl+D 退出。`);
  prompt();

  // One line at a time, in order, even when input is piped in faster than answers come.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(() => answer(line.trim()));
  });
  rl.on('close', () => {
    void queue.then(() => process.exit(0));
  });

  async function answer(text: string) {
    if (text === '/群' || text === '/私聊') {
      inRoom = text === '/群';
      rl.setPrompt(inRoom ? '你（群聊）：' : '你：');
      console.log(`（已切换到${inRoom ? `群聊：请 @${name} 或叫「${name}」提问` : '私聊'}）`);
    } else if (text) {
      const reply = await handle({ text, fromId: `terminal:${me}`, fromName: me, inRoom, mentioned: false });
      console.log(reply ? `${name}：${inRoom ? `@${me} ` : ''}${renderText(reply, h5Base)}` : '（没有@我，我不说话）');
    }
    prompt();
  }
}

main();
