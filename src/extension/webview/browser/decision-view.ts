// Section 2: the decision helper — four yes/no questions (radio groups) and a live recommendation with its reasons.
import { DECISION_QUESTIONS, decide, type DecisionAnswers, type QuestionId } from '../../../core/decision';
import { clear, el, uid } from './dom';

export function renderDecision(initial: DecisionAnswers, onChange: (answers: DecisionAnswers) => void): HTMLElement[] {
  const answers: DecisionAnswers = { ...initial };
  const output = el('div', { class: 'recommendation', role: 'status', 'aria-live': 'polite', id: 'recommendation' });
  const radios: HTMLInputElement[] = [];

  const show = () => {
    clear(output);
    const decision = decide(answers);
    if (decision.recommendation === null) {
      output.appendChild(el('p', { class: 'hint' }, decision.label));
      return;
    }
    output.appendChild(el('p', { class: 'verdict' }, 'Recommendation: ', el('strong', { 'data-key': decision.recommendation }, decision.label)));
    output.appendChild(el('ul', { class: 'reasons' }, ...decision.reasons.map((r) => el('li', {}, r))));
    if (decision.unanswered.length > 0) {
      const open = DECISION_QUESTIONS.filter((q) => decision.unanswered.includes(q.id)).map((q) => q.question);
      output.appendChild(el('p', { class: 'hint' }, `Assuming the least demanding answer for: ${open.join(' ')}`));
    }
  };

  const fieldsets = DECISION_QUESTIONS.map((q) => {
    const helpId = uid('help');
    const option = (value: boolean) => {
      const id = uid(`q-${q.id}`);
      const input = el('input', { type: 'radio', name: `q-${q.id}`, value: value ? 'yes' : 'no', id, 'aria-describedby': helpId });
      input.checked = answers[q.id] === value;
      input.addEventListener('change', () => {
        if (!input.checked) return;
        answers[q.id as QuestionId] = value;
        show();
        onChange({ ...answers });
      });
      radios.push(input);
      return el('label', { for: id, class: 'option' }, input, value ? 'Yes' : 'No');
    };
    return el('fieldset', { class: 'question' }, el('legend', {}, q.question), el('p', { class: 'help', id: helpId }, q.help), el('div', { class: 'options' }, option(true), option(false)));
  });

  const reset = el('button', { type: 'button', class: 'secondary', id: 'reset-answers' }, 'Clear answers');
  reset.addEventListener('click', () => {
    for (const key of Object.keys(answers)) delete answers[key as QuestionId];
    for (const r of radios) r.checked = false;
    show();
    onChange({});
  });

  show();
  return [el('form', { class: 'questions', 'aria-label': 'Decision questions' }, ...fieldsets), reset, output];
}
