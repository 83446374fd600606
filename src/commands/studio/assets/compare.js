// gongsi 스튜디오의 초안 비교: sends the earlier draft, lists `diff`'s changes, and shows the
// redlined pages (those of `gongsi diff --pdf`) beside the plan's. Choosing a change shows its
// redlined page with its place outlined. While a comparison is shown, every new state of the
// plan compares again, so the changes and the redlined pages follow the files being edited.
// Every text from the plans is set as text (textContent), never as markup.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };
  // The version of the plan the comparison shown was made against, and whether one is
  // being made (a new state meanwhile asks for one more afterwards).
  let comparedAt = -1;
  // The number the studio keeps this tab's comparison under: compared again, and its review
  // PDF made, with the draft this tab chose even when another tab compares another.
  let draft = 0;
  let busy = false;
  let pending = false;

  function view(which) {
    const review = which === 'review' && !$('views').hidden;
    $('pages').hidden = review;
    $('review-pages').hidden = !review;
    $('view-plan').setAttribute('aria-pressed', String(!review));
    $('view-review').setAttribute('aria-pressed', String(review));
  }

  $('view-plan').addEventListener('click', () => view('plan'));
  $('view-review').addEventListener('click', () => view('review'));
  // The 순서, the findings and the errors lead to the plan's pages: show those first (capture
  // runs before the buttons' own handlers, which scroll to the page).
  document.addEventListener('click', (event) => {
    if (event.target.closest && event.target.closest('#outline, #findings, #errors')) view('plan');
  }, true);

  function figure(index) {
    const fig = make('figure', 'page');
    fig.id = 'review-page-' + (index + 1);
    fig.tabIndex = -1;
    const img = make('img');
    img.alt = '검토 ' + (index + 1) + '쪽';
    img.decoding = 'async';
    const mark = make('div', 'mark');
    mark.hidden = true;
    fig.append(img, mark, make('figcaption', '', '검토 ' + (index + 1) + '쪽'));
    return fig;
  }

  // As many pixels as the plan's pages are drawn with (studio.js chose them for this screen
  // and redraws every page, these too, when it is zoomed).
  function pixels() {
    const img = document.querySelector('#pages img[data-id]');
    const drawn = img && new URL(img.src, location.href).searchParams.get('w');
    return drawn || '1024';
  }

  function pages(list) {
    const box = $('review-pages');
    list.forEach((page, index) => {
      let fig = box.children[index];
      if (!fig) {
        fig = figure(index);
        box.append(fig);
      }
      const img = fig.querySelector('img');
      if (img.dataset.id !== page.id) {
        img.width = Math.round(page.width);
        img.height = Math.round(page.height);
        img.dataset.id = page.id;
        img.src = '/page/' + page.id + '?w=' + pixels();
      }
      fig.querySelector('.mark').hidden = true;
    });
    while (box.children.length > list.length) box.lastElementChild.remove();
    $('views').hidden = list.length === 0;
    if (!list.length) view('plan');
  }

  // Scrolls to `share` of the way down a page, `above` pixels of it left above (clear of the
  // sticky bar).
  function scrollToPage(fig, share, above = 80) {
    const y = fig.getBoundingClientRect().top + window.scrollY + fig.offsetHeight * (share || 0);
    window.scrollTo({ top: Math.max(0, y - above) });
    fig.focus({ preventScroll: true });
  }

  // A redlined page, and the line of a change on it outlined: from where its mark starts to
  // the page's right margin, one line high.
  function showChange(shown, button) {
    document.querySelectorAll('.change[aria-current]').forEach((b) => b.removeAttribute('aria-current'));
    if (button) button.setAttribute('aria-current', 'true');
    view('review');
    document.querySelectorAll('#review-pages .mark').forEach((m) => { m.hidden = true; });
    const fig = $('review-page-' + shown.page);
    if (!fig) return;
    const mark = fig.querySelector('.mark');
    const left = Math.max(0.02, shown.x - 0.01);
    mark.style.left = (left * 100) + '%';
    mark.style.top = (Math.max(0, shown.y - 0.006) * 100) + '%';
    mark.style.width = ((0.96 - left) * 100) + '%';
    mark.style.height = '2.4%';
    mark.hidden = false;
    scrollToPage(fig, shown.y, window.innerHeight / 3);
  }

  // A page of the section: a redlined one when there are any, else the plan's.
  function showSection(page, redlined) {
    view(redlined ? 'review' : 'plan');
    const fig = $((redlined ? 'review-page-' : 'page-') + page);
    if (fig) scrollToPage(fig, 0);
  }

  function change(c) {
    const li = make('li');
    const box = make(c.shown ? 'button' : 'div', 'change');
    if (c.shown) {
      box.type = 'button';
      box.addEventListener('click', () => showChange(c.shown, box));
    }
    box.append(make('span', 'verb', c.verb));
    if (c.words.length) {
      box.append(make('span', '', c.subject + ': '));
      for (const word of c.words) {
        box.append(make(word.op === 'insert' ? 'ins' : word.op === 'delete' ? 'del' : 'span', '', word.text));
      }
    } else {
      let text = c.subject;
      if (c.old !== null || c.new !== null) {
        text += ': ' + (c.old ?? '없음') + ' → ' + (c.new ?? '없음') + (c.new !== null ? c.unit : '');
      }
      if (c.difference) text += ' (' + c.difference + ')';
      box.append(make('span', '', text));
    }
    if (c.place) box.append(make('span', 'place', c.place));
    if (c.shown) box.append(make('span', 'place', '검토 ' + c.shown.page + '쪽'));
    li.append(box);
    return li;
  }

  function comparison(result) {
    const box = $('changes');
    const redlined = result.pages.length > 0;
    const parts = [make('p', '', result.summary)];
    parts.push(...result.notes.map((note) => make('p', 'notice', note)));
    if (result.review) {
      const review = make('a', '', '바뀐 곳을 표시한 검토용 PDF 내려받기');
      review.href = '/download/review?draft=' + result.draft;
      review.setAttribute('download', '');
      parts.push(make('p'));
      parts[parts.length - 1].append(review);
    }
    if (result.remarks.length) {
      const heading = make('h3', '', '메모와 변경 내용 추적');
      const list = make('ul');
      list.append(...result.remarks.map((remark) => make('li', '', remark)));
      parts.push(heading, list);
    }
    for (const section of result.sections) {
      const heading = make('h3');
      const where = section.page ? ' · ' + (redlined ? '검토 ' : '') + section.page + '쪽' : '';
      const button = make('button', '', section.title + where);
      button.type = 'button';
      if (section.page) button.addEventListener('click', () => showSection(section.page, redlined));
      heading.append(button);
      const list = make('ul');
      list.append(...section.changes.map(change));
      parts.push(heading, list);
    }
    box.replaceChildren(...parts);
    pages(result.pages);
    document.body.dataset.compared = String(comparedAt);
  }

  async function compare(url, body) {
    const message = $('compare-message');
    message.textContent = '비교하는 중입니다…';
    busy = true;
    const version = Number(document.body.dataset.version || -1);
    try {
      const answer = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
      if (!answer.ok) {
        message.textContent = await answer.text();
        return;
      }
      message.textContent = '';
      comparedAt = version;
      const result = await answer.json();
      draft = result.draft;
      comparison(result);
    } catch (error) {
      message.textContent = '스튜디오에 닿지 않습니다. 터미널에서 gongsi studio가 실행 중인지 보세요.';
    } finally {
      busy = false;
      if (pending) {
        pending = false;
        again();
      }
    }
  }

  // The plan changed while a comparison is shown: compare it again with the same draft.
  function again() {
    if (busy) {
      pending = true;
      return;
    }
    compare('/compare-again?draft=' + draft, '');
  }

  document.addEventListener('studio:state', (event) => {
    const state = event.detail;
    const built = state.pages.length > 0 && state.errors.length === 0;
    if (comparedAt >= 0 && built && state.version > comparedAt) again();
  });

  $('compare-path').addEventListener('submit', (event) => {
    event.preventDefault();
    compare('/compare', $('old-path').value);
  });
  $('old-file').addEventListener('change', () => {
    const file = $('old-file').files[0];
    if (file) compare('/compare-upload?name=' + encodeURIComponent(file.name), file);
  });
})();
