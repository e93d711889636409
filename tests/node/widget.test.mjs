// The widget page in a real browser: Debian's chromium driven by playwright-core, against the running server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, repo } from './server.mjs';

const artifacts = join(repo, 'tests', 'node', 'artifacts');
mkdirSync(artifacts, { recursive: true });

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const botMessages = page => page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
const suggestedActions = page => page.locator('.webchat__suggested-action');

async function waitForMoreBotMessages(page, than) {
  await page.waitForFunction(
    n => document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content').length > n,
    than, { timeout: 15_000 });
}

test('a parent picks Arabic: the chat runs right-to-left, a question and a suggested action move on', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${server.base}/?audience=parent&lang=en`);
  await suggestedActions(page).first().waitFor({ timeout: 20_000 });

  await page.selectOption('#language', 'ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.documentElement.lang === 'ar');
  assert.equal(await page.locator('#webchat').getAttribute('dir'), 'rtl');
  const transcriptDirection = await page.locator('#webchat').evaluate(el => getComputedStyle(el.firstElementChild).direction);
  assert.equal(transcriptDirection, 'rtl');

  const before = await botMessages(page).count();
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill('ما هو الـ BSA؟');
  await input.press('Enter');
  await page.locator('.webchat__bubble--from-user', { hasText: 'BSA' }).waitFor();
  await waitForMoreBotMessages(page, before);
  // The answer is the parents' BSA text in Arabic, with the programme's norm.
  const answer = botMessages(page).filter({ hasText: /[\u0600-\u06FF]/ }).filter({ hasText: '50' }).last();
  await answer.waitFor({ timeout: 15_000 });
  assert.match(await answer.innerText(), /BSA/);

  const afterQuestion = await botMessages(page).count();
  await suggestedActions(page).first().waitFor();
  await suggestedActions(page).first().click();
  await waitForMoreBotMessages(page, afterQuestion);
  // Web Chat's own status line under a message says when a send failed (in the page's language).
  assert.equal(await page.locator('.webchat__activity-status').filter({ hasText: /send failed|mislukt|فشل/i }).count(), 0);
  await page.screenshot({ path: join(artifacts, 'widget-ar-parent.png'), fullPage: true });
  await page.close();
});

test('a parent picks Turkish in the widget, asks what the BSA is and is answered in Turkish with the programme\'s numbers', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${server.base}/?audience=parent&lang=nl`);
  await suggestedActions(page).first().waitFor({ timeout: 20_000 });

  await page.selectOption('#language', 'tr');
  await page.waitForFunction(() => document.documentElement.lang === 'tr' && document.documentElement.dir === 'ltr');
  const before = await botMessages(page).count();
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill('BSA nedir? oğlum geçemezse ne olur');
  await input.press('Enter');
  await page.locator('.webchat__bubble--from-user', { hasText: 'BSA nedir' }).waitFor();
  await waitForMoreBotMessages(page, before);

  // The profile's norm (50 of 60 EC), in Turkish words around it ("çocuğunuz": your child).
  const answer = botMessages(page).filter({ hasText: 'BSA' }).filter({ hasText: 'çocuğunuz' }).last();
  await answer.waitFor({ timeout: 15_000 });
  const text = await answer.innerText();
  assert.match(text, /\b50\b/);
  assert.match(text, /60 EC/);
  assert.doesNotMatch(text, /uw kind|your child/i);
  await page.screenshot({ path: join(artifacts, 'widget-tr-parent-bsa.png'), fullPage: true });
  await page.close();
});

test('a student in Dutch, keyboard only: types a question and picks a suggested action', async () => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(`${server.base}/?audience=student`);
  await page.selectOption('#language', 'nl');
  await page.waitForFunction(() => document.documentElement.lang === 'nl' && document.documentElement.dir === 'ltr');
  await botMessages(page).filter({ hasText: 'Waar zal ik je mee helpen?' }).last().waitFor({ timeout: 20_000 });

  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.focus();
  await page.keyboard.type('hoi, wat kun je voor me doen?');
  await page.keyboard.press('Enter');
  await page.locator('.webchat__bubble--from-user', { hasText: 'wat kun je' }).waitFor();

  const choice = page.locator('.webchat__suggested-action', { hasText: 'Nadenken over mijn studiekeuze' });
  await choice.waitFor({ timeout: 15_000 });
  await choice.focus();
  await page.keyboard.press('Enter');
  await botMessages(page).filter({ hasText: 'Wat is voor jou de belangrijkste reden' }).last().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(artifacts, 'widget-nl-student.png'), fullPage: true });

  // A reload resumes the same conversation, with its history.
  await page.reload();
  await botMessages(page).filter({ hasText: 'Wat is voor jou de belangrijkste reden' }).first().waitFor({ timeout: 20_000 });
  assert.ok(await page.locator('.webchat__bubble--from-user', { hasText: 'wat kun je' }).count() >= 1, 'history is back after a reload');
  await page.close();
});
