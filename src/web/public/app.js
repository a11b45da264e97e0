/* The USAID Peru chat page: renders Web Chat against the local bot or Azure Direct Line. */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('bot-config').textContent);
  var webChatLocales = { en: 'en-US', es: 'es-ES' };
  var language = pickLanguage();
  var directLine;
  var store;
  var userId;

  function pickLanguage() {
    var saved = null;
    try {
      saved = window.localStorage.getItem('usaid-peru-language');
    } catch (e) {
      saved = null;
    }
    if (saved === 'en' || saved === 'es') return saved;
    return (navigator.language || 'en').toLowerCase().indexOf('es') === 0 ? 'es' : 'en';
  }

  function text(key) {
    return config.strings[language][key];
  }

  /* A minimal Observable: what Web Chat needs from activity$ and connectionStatus$. */
  function observable(subscribe) {
    return {
      subscribe: function (observerOrNext, error, complete) {
        var observer =
          typeof observerOrNext === 'function'
            ? { next: observerOrNext, error: error, complete: complete }
            : observerOrNext || {};
        var safe = {
          next: function (value) {
            if (observer.next) observer.next(value);
          },
          error: function (err) {
            if (observer.error) observer.error(err);
          },
          complete: function () {
            if (observer.complete) observer.complete();
          },
        };
        var teardown = subscribe(safe);
        var closed = false;
        return {
          get closed() {
            return closed;
          },
          unsubscribe: function () {
            if (!closed) {
              closed = true;
              if (teardown) teardown();
            }
          },
        };
      },
    };
  }

  /*
   * A Direct Line-compatible connection to the bot's local endpoints: activities arrive on a
   * server-sent event stream, and posted activities come back on it with their clientActivityID.
   */
  function createLocalDirectLine() {
    var status = 0; /* Uninitialized */
    var statusObservers = [];
    var activityObservers = [];
    var conversationId = null;
    /* The conversation's own token: the server answers only the page that created it. */
    var token = null;
    var source = null;

    function setStatus(next) {
      status = next;
      statusObservers.slice().forEach(function (o) {
        o.next(status);
      });
    }

    function remove(list, item) {
      var i = list.indexOf(item);
      if (i >= 0) list.splice(i, 1);
    }

    var ready = fetch('/api/local/conversations', { method: 'POST' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (conversation) {
        conversationId = conversation.conversationId;
        token = conversation.token;
        userId = conversation.userId;
        /* EventSource cannot send headers, so the stream takes the token in its query. */
        source = new EventSource(
          '/api/local/conversations/' +
            encodeURIComponent(conversationId) +
            '/stream?token=' +
            encodeURIComponent(token),
        );
        source.onopen = function () {
          setStatus(2); /* Online */
        };
        source.onmessage = function (event) {
          var activity = JSON.parse(event.data);
          activityObservers.slice().forEach(function (o) {
            o.next(activity);
          });
        };
        source.onerror = function () {
          if (status === 2) setStatus(1); /* Connecting: EventSource reconnects by itself */
        };
      })
      .catch(function () {
        setStatus(4); /* FailedToConnect */
      });

    var connection = {
      activity$: observable(function (observer) {
        activityObservers.push(observer);
        return function () {
          remove(activityObservers, observer);
        };
      }),
      connectionStatus$: observable(function (observer) {
        statusObservers.push(observer);
        observer.next(status);
        if (status === 0) setStatus(1); /* Connecting */
        return function () {
          remove(statusObservers, observer);
        };
      }),
      postActivity: function (activity) {
        return observable(function (observer) {
          ready
            .then(function () {
              return fetch('/api/local/conversations/' + encodeURIComponent(conversationId) + '/activities', {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
                body: JSON.stringify({
                  type: activity.type,
                  text: activity.text,
                  name: activity.name,
                  value: activity.value,
                  locale: activity.locale,
                  attachments: activity.attachments,
                  channelData: activity.channelData,
                  /* A thumb clicked under an answer comes as an event whose entity names the answer. */
                  entities: activity.entities,
                }),
              });
            })
            .then(function (response) {
              if (!response.ok) throw new Error('HTTP ' + response.status);
              return response.json();
            })
            .then(function (body) {
              observer.next(body.id);
              observer.complete();
            })
            .catch(function (err) {
              observer.error(err);
            });
        });
      },
      end: function () {
        if (source) source.close();
        setStatus(5); /* Ended */
      },
    };
    /* Resolves once the conversation exists, so Web Chat knows which user it is. */
    return ready.then(function () {
      return connection;
    });
  }

  function createAzureDirectLine() {
    return fetch('/api/directline/token', { method: 'POST' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (body) {
        userId = body.userId;
        return window.WebChat.createDirectLine({ token: body.token, domain: config.directLineDomain });
      });
  }

  function applyLanguage() {
    document.documentElement.lang = language;
    document.title = text('pageTitle');
    document.getElementById('heading').textContent = text('pageHeading');
    document.getElementById('subheading').textContent = text('pageSubheading');
    document.getElementById('language-label').textContent = text('pageLanguageLabel');
    document.getElementById('source').textContent = text('pageSource');
    document.getElementById('chat').setAttribute('aria-label', text('pageChatLabel'));
    Array.prototype.forEach.call(document.querySelectorAll('.language-button'), function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-language') === language));
    });
  }

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: userId,
        locale: webChatLocales[language],
        styleOptions: {
          accent: '#002F6C',
          bubbleBorderRadius: 8,
          bubbleFromUserBackground: '#E6ECF3',
          bubbleFromUserBorderRadius: 8,
          suggestedActionBorderColor: '#002F6C',
          suggestedActionTextColor: '#002F6C',
          suggestedActionLayout: 'flow',
          hideUploadButton: true,
          rootHeight: '100%',
        },
      },
      document.getElementById('chat'),
    );
  }

  function showUnavailable() {
    var chat = document.getElementById('chat');
    chat.textContent = '';
    var message = document.createElement('p');
    message.className = 'unavailable';
    message.setAttribute('role', 'alert');
    message.textContent = text('pageUnavailable');
    chat.appendChild(message);
  }

  Array.prototype.forEach.call(document.querySelectorAll('.language-button'), function (button) {
    button.addEventListener('click', function () {
      var next = button.getAttribute('data-language');
      if (next === language) return;
      language = next;
      try {
        window.localStorage.setItem('usaid-peru-language', language);
      } catch (e) {
        /* Private browsing: the choice lasts for this page only. */
      }
      applyLanguage();
      if (store) {
        store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/language', value: language } });
        render();
      }
    });
  });

  applyLanguage();
  if (config.mode === 'unavailable' || !window.WebChat) {
    showUnavailable();
    return;
  }

  store = window.WebChat.createStore({}, function (api) {
    return function (next) {
      return function (action) {
        /* Web Chat sends nothing until the first message: ask for the welcome when connected. */
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: language } });
        }
        return next(action);
      };
    };
  });

  Promise.resolve(config.mode === 'local' ? createLocalDirectLine() : createAzureDirectLine())
    .then(function (connection) {
      directLine = connection;
      render();
    })
    .catch(showUnavailable);
})();
