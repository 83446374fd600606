// gongsi 스튜디오: draws the studio's state (pages, findings, 순서) and follows it live over
// server-sent events. A page's image is asked for again only when its id (the hash of its
// layout) changed, so the scroll stays and unchanged pages are not sent again; it is a PNG as
// many pixels wide as the screen shows it, asked for again wider when the page is zoomed. Every text from
// the plan is set as text (textContent), never as markup.
'use strict';

(() => {
  // The secret leaves the address bar (it is a cookie now).
  if (location.search) history.replaceState(null, '', '/');

  const $ = (id) => document.getElementById(id);
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };
  let shown = -1;
  let current = null;

  function render(state) {
    if (state.version < shown) return;
    shown = state.version;
    current = state;
    document.title = (state.title ? state.title + ' — ' : '') + 'gongsi 스튜디오';
    $('title').textContent = state.title || 'gongsi 스튜디오';
    $('source').textContent = state.source || '';
    $('open').hidden = !state.can_open || (!!state.title && state.errors.length === 0);
    $('downloads').hidden = !state.title;
    $('compare').hidden = !state.title;
    $('next').hidden = !state.title || !state.can_open;
    status(state);
    errors(state.errors);
    findings(state.findings);
    outline(state.headings);
    pages(state.pages);
    document.body.dataset.version = String(state.version);
    // The comparison (compare.js) follows the plan shown.
    document.dispatchEvent(new CustomEvent('studio:state', { detail: state }));
  }

  function status(state) {
    let text;
    if (!state.source) text = '계획을 여세요.';
    else if (state.errors.length) text = '오류 ' + state.errors.length + '건: 고쳐 저장하면 다시 만듭니다.';
    else if (!state.pages.length) text = '계획을 읽는 중입니다…';
    else text = state.pages.length + '쪽 · 경고 ' + state.findings.length + '건 · ' + state.took_ms + 'ms';
    $('status').textContent = text;
  }

  function item(finding, index) {
    const li = make('li', finding.severity);
    const box = make(finding.spot ? 'button' : 'div', 'finding');
    if (finding.spot) {
      box.type = 'button';
      box.dataset.index = String(index);
      box.addEventListener('click', () => choose(index, box));
    }
    box.append(make('span', 'severity', finding.severity === 'error' ? '오류' : '경고'));
    box.append(make('span', 'message', finding.message));
    if (finding.place) box.append(make('span', 'place', finding.place + (finding.spot ? ' · ' + finding.spot.page + '쪽' : '')));
    if (finding.hint) box.append(make('span', 'hint', '도움말: ' + finding.hint));
    li.append(box);
    return li;
  }

  function errors(list) {
    $('errors').hidden = list.length === 0;
    $('errors').querySelector('ul').replaceChildren(...list.map(item));
  }

  function findings(list) {
    $('findings').querySelector('.empty').hidden = list.length > 0;
    $('findings').querySelector('ul').replaceChildren(...list.map(item));
  }

  function outline(headings) {
    const items = headings.map((heading) => {
      const li = make('li', 'level-' + Math.min(heading.level, 3));
      const button = make('button', '', heading.title);
      button.type = 'button';
      button.addEventListener('click', () => show(heading.page, heading.top));
      li.append(button);
      return li;
    });
    $('outline').querySelector('ol').replaceChildren(...items);
  }

  function figure(index) {
    const fig = make('figure', 'page');
    fig.id = 'page-' + (index + 1);
    fig.tabIndex = -1;
    const img = make('img');
    img.alt = (index + 1) + '쪽';
    img.decoding = 'async';
    const mark = make('div', 'mark');
    mark.hidden = true;
    fig.append(img, mark, make('figcaption', '', (index + 1) + '쪽'));
    return fig;
  }

  // The pixels a page image is drawn with: its width on screen × the screen's pixel ratio,
  // rounded up to 64 so a small change of zoom does not draw every page again.
  let pixels = 0;
  // 0 while no page is laid out (no plan yet, or the pages hidden).
  function wanted() {
    const fig = $('pages').firstElementChild;
    const wide = fig ? fig.clientWidth : 0;
    if (!wide) return 0;
    return Math.min(4096, Math.max(64, Math.ceil((wide * (window.devicePixelRatio || 1)) / 64) * 64));
  }

  function source(img) {
    img.src = '/page/' + img.dataset.id + '?w=' + pixels;
  }

  function pages(list) {
    const box = $('pages');
    list.forEach((page, index) => {
      if (!box.children[index]) box.append(figure(index));
    });
    while (box.children.length > list.length) box.lastElementChild.remove();
    // Measured once there are pages (a sharp guess, an A4 page on a wide screen, until then).
    if (!pixels) pixels = wanted() || 1024;
    list.forEach((page, index) => {
      const fig = box.children[index];
      const img = fig.querySelector('img');
      if (img.dataset.id !== page.id) {
        img.width = Math.round(page.width);
        img.height = Math.round(page.height);
        img.dataset.id = page.id;
        source(img);
        fig.dataset.drawn = String(Date.now());
      }
      fig.querySelector('.mark').hidden = true;
    });
  }

  // Zoomed in or a wider window: every page drawn again with more pixels, never blurred.
  let resizing = 0;
  function sharpen() {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      const now = wanted();
      if (now <= pixels) return;
      pixels = now;
      document.querySelectorAll('figure.page img[data-id]').forEach(source);
    }, 150);
  }
  window.addEventListener('resize', sharpen);
  // The pixel ratio changes without a resize too (browser zoom, another screen).
  (function followRatio() {
    const query = matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
    query.addEventListener('change', () => { sharpen(); followRatio(); }, { once: true });
  })();

  function show(page, top) {
    const fig = $('page-' + page);
    if (!fig) return;
    const y = fig.getBoundingClientRect().top + window.scrollY + fig.offsetHeight * (top || 0);
    window.scrollTo({ top: Math.max(0, y - 80) });
    fig.focus({ preventScroll: true });
  }

  function choose(index, button) {
    const finding = current && current.findings[index];
    if (!finding || !finding.spot) return;
    document.querySelectorAll('.finding[aria-current]').forEach((b) => b.removeAttribute('aria-current'));
    button.setAttribute('aria-current', 'true');
    document.querySelectorAll('.mark').forEach((m) => { m.hidden = true; });
    const spot = finding.spot;
    const fig = $('page-' + spot.page);
    if (!fig) return;
    const mark = fig.querySelector('.mark');
    const pad = 0.004;
    mark.style.left = ((spot.x - pad) * 100) + '%';
    mark.style.top = ((spot.y - pad) * 100) + '%';
    mark.style.width = ((spot.width + 2 * pad) * 100) + '%';
    mark.style.height = ((spot.height + 2 * pad) * 100) + '%';
    mark.hidden = !spot.marked;
    show(spot.page, spot.y);
  }

  async function send(url, body, message = $('open-message')) {
    message.textContent = '';
    try {
      const answer = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
      if (!answer.ok || answer.status === 201) message.textContent = await answer.text();
    } catch (error) {
      message.textContent = '스튜디오에 닿지 않습니다. 터미널에서 gongsi studio가 실행 중인지 보세요.';
    }
  }

  function upload(file) {
    if (file) send('/upload?name=' + encodeURIComponent(file.name), file);
  }

  $('open-path').addEventListener('submit', (event) => {
    event.preventDefault();
    send('/open', $('path').value);
  });
  $('file').addEventListener('change', () => upload($('file').files[0]));
  $('init').addEventListener('submit', (event) => {
    event.preventDefault();
    send('/init', JSON.stringify({
      district: $('district').value,
      year: Number($('year').value),
      strategies: Number($('strategies').value),
      workbook: $('workbook').checked,
    }));
  });
  $('next-year').addEventListener('click', () => send('/next-year', '', $('next-message')));
  const drop = $('drop');
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    upload(event.dataTransfer.files[0]);
  });

  const events = new EventSource('/events');
  events.addEventListener('state', (event) => render(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    if (events.readyState === EventSource.CLOSED) $('status').textContent = '스튜디오가 끝났습니다.';
  });
})();
