/** The widget's forms, each in the states a visitor meets: survey, details, after the chat, offline. */
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { SurveyField } from '../../protocol/chat';
import { AfterChat } from '../app/AfterChat';
import { translator } from '../app/i18n';
import { OfflineForm } from '../app/OfflineForm';
import { ProfileForm } from '../app/ProfileForm';
import { SurveyForm } from '../app/SurveyForm';

afterEach(cleanup);

const t = translator('en');
const SURVEY: SurveyField[] = [
  { name: 'topic', label: 'Topic', kind: 'choice', required: true, options: ['Orders', 'Returns'] },
  { name: 'email', label: 'Email', kind: 'email', required: true },
  { name: 'account', label: 'Account number', kind: 'account', required: false },
];

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

describe('pre-chat survey', () => {
  it('asks each question, marks optional ones, and refuses a missing answer without sending', async () => {
    const started: Array<Record<string, string>> = [];
    render(() => <SurveyForm survey={SURVEY} t={t} onStart={async (a) => void started.push(a)} />);
    expect(screen.getByLabelText('Account number (optional)')).toBeTruthy();
    fireEvent.input(field('Email'), { target: { value: 'sam@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Topic is required');
    expect(started).toEqual([]);
  });

  it('names a bad email, then starts with the answers once they are right', async () => {
    const started: Array<Record<string, string>> = [];
    render(() => <SurveyForm survey={SURVEY} t={t} onStart={async (a) => void started.push(a)} />);
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'Returns' } });
    fireEvent.input(field('Email'), { target: { value: 'sam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Email must be an email address');
    fireEvent.input(field('Email'), { target: { value: 'sam@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await waitFor(() => expect(started).toEqual([{ topic: 'Returns', email: 'sam@example.org' }]));
  });
});

describe('your details', () => {
  it('is prefilled and saves what the visitor types', async () => {
    const saved: unknown[] = [];
    render(() => <ProfileForm profile={{ name: 'Nora', email: 'nora@example.org', verified: true }} t={t} onSave={async (p) => void saved.push(p)} />);
    expect(field('Name').value).toBe('Nora');
    fireEvent.input(field('Name'), { target: { value: 'Nora Berg' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Your details' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved');
    expect(saved).toEqual([{ name: 'Nora Berg', email: 'nora@example.org' }]);
  });

  it('shows the server’s refusal', async () => {
    render(() => <ProfileForm profile={null} t={t} onSave={async () => Promise.reject(new Error('email: must be an email address'))} />);
    fireEvent.submit(screen.getByRole('form', { name: 'Your details' }));
    expect((await screen.findByRole('alert')).textContent).toBe('email: must be an email address');
  });
});

describe('after the chat', () => {
  it('takes a rating with a comment, then thanks the visitor', async () => {
    const ratings: Array<[number, string]> = [];
    render(() => <AfterChat t={t} email="" onRate={async (r, c) => void ratings.push([r, c])} onTranscript={async () => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: '5 of 5' }));
    fireEvent.input(screen.getByLabelText('Comment'), { target: { value: 'Great' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await screen.findByText('Thank you for your rating!');
    expect(ratings).toEqual([[5, 'Great']]);
  });

  it('mails the transcript to the address given, prefilled with the known one', async () => {
    const sentTo: string[] = [];
    render(() => <AfterChat t={t} email="kim@example.org" onRate={async () => {}} onTranscript={async (e) => void sentTo.push(e)} />);
    expect(field('Email').value).toBe('kim@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Email me the transcript' }));
    await screen.findByText('Transcript sent to kim@example.org');
    expect(sentTo).toEqual(['kim@example.org']);
  });
});

describe('offline', () => {
  it('says why, in the visitor’s language, and thanks them once the ticket is made', async () => {
    render(() => <OfflineForm reason="Wir haben gerade geschlossen." t={translator('de')} onSend={async () => {}} />);
    expect(screen.getByText(/Hinterlassen Sie eine Nachricht/)).toBeTruthy();
    fireEvent.input(field('Name'), { target: { value: 'Jo' } });
    fireEvent.input(field('E-Mail'), { target: { value: 'jo@example.org' } });
    fireEvent.input(screen.getByLabelText('Ihre Nachricht'), { target: { value: 'Hallo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Nachricht senden' }));
    await screen.findByText('Danke! Wir haben Ihre Nachricht und antworten per E-Mail.');
  });
});
