/* EduConsult CRM embedded enquiry form. Renders the form into every element marked
   data-educonsult-form="<form key>" (or just before this script) and posts it with fetch. */
(function (config) {
  'use strict';
  var script = document.currentScript;
  var endpoint = config.endpoint;
  try {
    if (script && script.src) {
      endpoint = new URL(script.src).origin + '/webhooks/forms/' + encodeURIComponent(config.key);
    }
  } catch (ignored) { /* keep the configured endpoint */ }
  var counter = 0;

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== undefined && attributes[name] !== false) {
        node.setAttribute(name, attributes[name] === true ? '' : attributes[name]);
      }
    });
    if (text) {
      node.appendChild(document.createTextNode(text));
    }
    return node;
  }

  function addStyles() {
    if (document.getElementById('ecf-styles')) {
      return;
    }
    var style = el('style', { id: 'ecf-styles' });
    style.appendChild(document.createTextNode(
      '.ecf-form{display:grid;gap:.9rem;max-width:32rem;font:inherit}' +
      '.ecf-field{display:grid;gap:.3rem}' +
      '.ecf-field label{font-weight:600}' +
      '.ecf-field input,.ecf-field select,.ecf-field textarea{font:inherit;padding:.55rem .65rem;border:1px solid #6b7280;border-radius:6px;width:100%;box-sizing:border-box}' +
      '.ecf-field input:focus,.ecf-field select:focus,.ecf-field textarea:focus,.ecf-submit:focus{outline:3px solid #2563eb;outline-offset:2px}' +
      '.ecf-check{grid-template-columns:auto 1fr;align-items:start}' +
      '.ecf-check input{width:auto;margin-top:.25rem}' +
      '.ecf-check label{font-weight:400}' +
      '.ecf-field [aria-invalid="true"]{border-color:#b91c1c}' +
      '.ecf-error{color:#b91c1c;margin:0;font-size:.9em}' +
      '.ecf-submit{font:inherit;font-weight:600;padding:.65rem 1.2rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer;justify-self:start}' +
      '.ecf-submit[disabled]{opacity:.6;cursor:progress}' +
      '.ecf-status:empty{display:none}' +
      '.ecf-status{padding:.6rem .8rem;border-radius:6px;background:#f3f4f6}' +
      '.ecf-status.ecf-failed{background:#fef2f2;color:#991b1b}' +
      '.ecf-done{padding:1rem;border-radius:6px;background:#ecfdf5;color:#065f46}'));
    (document.head || document.documentElement).appendChild(style);
  }

  function loadCaptchaScript(url) {
    if (!document.querySelector('script[src="' + url + '"]')) {
      var tag = el('script', { src: url, async: true, defer: true });
      document.head.appendChild(tag);
    }
  }

  function fieldBlock(form, field, id) {
    var inputId = id + '-' + field.name.replace(/[^A-Za-z0-9_-]/g, '_');
    var errorId = inputId + '-error';
    var control;
    if (field.type === 'hidden') {
      form.appendChild(el('input', { type: 'hidden', name: field.name, value: field.placeholder || '' }));
      return;
    }
    var block = el('div', { 'class': 'ecf-field' + (field.type === 'checkbox' ? ' ecf-check' : '') });
    var label = el('label', { 'for': inputId }, field.label);
    if (field.required) {
      label.appendChild(el('span', { 'aria-hidden': 'true' }, ' *'));
    }
    var common = { id: inputId, name: field.name, required: !!field.required, 'aria-required': field.required ? 'true' : null,
      'aria-describedby': errorId };
    if (field.type === 'textarea') {
      control = el('textarea', Object.assign({ rows: 4, placeholder: field.placeholder || null }, common));
    } else if (field.type === 'select') {
      control = el('select', common);
      control.appendChild(el('option', { value: '' }, field.placeholder || 'Choose…'));
      (field.options || []).forEach(function (option) {
        control.appendChild(el('option', { value: option }, option));
      });
    } else if (field.type === 'checkbox') {
      control = el('input', Object.assign({ type: 'checkbox', value: 'true' }, common));
    } else {
      var autocomplete = { email: 'email', tel: 'tel' }[field.type] || (field.maps_to === 'full_name' ? 'name' : null);
      control = el('input', Object.assign({ type: field.type, placeholder: field.placeholder || null,
        autocomplete: autocomplete }, common));
    }
    if (field.type === 'checkbox') {
      block.appendChild(control);
      block.appendChild(label);
    } else {
      block.appendChild(label);
      block.appendChild(control);
    }
    var error = el('p', { 'class': 'ecf-error', id: errorId });
    error.hidden = true;
    block.appendChild(error);
    form.appendChild(block);
  }

  function showError(form, name, message) {
    var control = form.querySelector('[name="' + name.replace(/"/g, '') + '"]');
    var error = control ? document.getElementById(control.getAttribute('aria-describedby')) : null;
    if (!control || !error) {
      return false;
    }
    control.setAttribute('aria-invalid', 'true');
    error.textContent = message;
    error.hidden = false;
    return control;
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid="true"]'), function (control) {
      control.removeAttribute('aria-invalid');
    });
    Array.prototype.forEach.call(form.querySelectorAll('.ecf-error'), function (error) {
      error.textContent = '';
      error.hidden = true;
    });
  }

  function check(form) {
    var first = null;
    config.fields.forEach(function (field) {
      var control = form.querySelector('[name="' + field.name + '"]');
      if (!control || field.type === 'hidden') {
        return;
      }
      var empty = field.type === 'checkbox' ? !control.checked : !control.value.trim();
      var message = null;
      if (field.required && empty) {
        message = field.type === 'checkbox' ? 'Tick this box to continue.' : 'Please fill in ' + field.label + '.';
      } else if (!empty && field.type === 'email' && !control.checkValidity()) {
        message = 'Please enter an email address like name@example.com.';
      } else if (!empty && field.type === 'tel' && !/^[+0-9 ()-]{6,20}$/.test(control.value.trim())) {
        message = 'Please enter a phone number, digits only, with the country code if outside ' +
          'your country.';
      }
      if (message) {
        var shown = showError(form, field.name, message);
        first = first || shown;
      }
    });
    return first;
  }

  function collect(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (control) {
      if (!control.name || control.disabled || control.type === 'submit') {
        return;
      }
      if (control.type === 'checkbox' && !control.checked) {
        return;
      }
      var value = control.value;
      if (Object.prototype.hasOwnProperty.call(data, control.name)) {
        data[control.name] = [].concat(data[control.name], value);
      } else {
        data[control.name] = value;
      }
    });
    var query = new URLSearchParams(window.location.search);
    ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'].forEach(function (name) {
      if (query.get(name) && !data[name]) {
        data[name] = query.get(name);
      }
    });
    data.page_url = window.location.href;
    if (document.referrer) {
      data.referrer = document.referrer;
    }
    return data;
  }

  function render(host) {
    if (host.getAttribute('data-educonsult-rendered')) {
      return;
    }
    host.setAttribute('data-educonsult-rendered', 'true');
    addStyles();
    var id = 'ecf-' + config.key.slice(0, 8) + '-' + (++counter);
    if (!config.active) {
      host.appendChild(el('p', { 'class': 'ecf-status' }, 'This form is not taking enquiries right now.'));
      return;
    }
    var form = el('form', { 'class': 'ecf-form', id: id, novalidate: true, 'aria-label': config.name });
    config.fields.forEach(function (field) {
      fieldBlock(form, field, id);
    });
    if (config.honeypot) {
      var trap = el('div', { 'aria-hidden': 'true' });
      trap.style.position = 'absolute';
      trap.style.left = '-10000px';
      trap.style.width = '1px';
      trap.style.height = '1px';
      trap.style.overflow = 'hidden';
      trap.appendChild(el('label', { 'for': id + '-hp' }, 'Leave this empty'));
      trap.appendChild(el('input', { id: id + '-hp', type: 'text', name: config.honeypot, tabindex: '-1',
        autocomplete: 'off' }));
      form.appendChild(trap);
    }
    if (config.captcha) {
      var widget = config.captcha.provider === 'hcaptcha'
        ? el('div', { 'class': 'h-captcha', 'data-sitekey': config.captcha.site_key })
        : el('div', { 'class': 'cf-turnstile', 'data-sitekey': config.captcha.site_key });
      var captchaBlock = el('div', { 'class': 'ecf-field' });
      captchaBlock.appendChild(widget);
      var captchaError = el('p', { 'class': 'ecf-error', id: id + '-captcha-error' });
      captchaError.hidden = true;
      captchaBlock.appendChild(captchaError);
      form.appendChild(captchaBlock);
      loadCaptchaScript(config.captcha.provider === 'hcaptcha' ? 'https://js.hcaptcha.com/1/api.js'
        : 'https://challenges.cloudflare.com/turnstile/v0/api.js');
    }
    var button = el('button', { type: 'submit', 'class': 'ecf-submit' }, config.submit_label || 'Send');
    form.appendChild(button);
    var status = el('div', { 'class': 'ecf-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
    form.appendChild(status);

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors(form);
      status.textContent = '';
      status.className = 'ecf-status';
      var invalid = check(form);
      if (invalid) {
        invalid.focus();
        return;
      }
      button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      status.textContent = 'Sending…';
      fetch(endpoint, {
        method: 'POST',
        mode: 'cors',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(collect(form))
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          return { status: response.status, body: body };
        });
      }).then(function (answer) {
        button.disabled = false;
        form.removeAttribute('aria-busy');
        if (answer.status >= 200 && answer.status < 300) {
          var data = answer.body.data || {};
          if (data.redirect_url) {
            window.location.assign(data.redirect_url);
            return;
          }
          var done = el('div', { 'class': 'ecf-done', role: 'status', tabindex: '-1' },
            data.message || config.thank_you_message || 'Thank you!');
          host.replaceChild(done, form);
          done.focus();
          return;
        }
        status.className = 'ecf-status ecf-failed';
        var errors = answer.body.errors || [];
        if (answer.status === 422 && errors.length) {
          var control = null;
          errors.forEach(function (error) {
            var message = error.message || 'Please check this field.';
            var shown = showError(form, error.field, message);
            if (!shown && config.captcha && error.field === config.captcha.field) {
              var captchaError = document.getElementById(id + '-captcha-error');
              captchaError.textContent = message;
              captchaError.hidden = false;
            }
            control = control || shown;
          });
          status.textContent = 'Please correct the marked fields.';
          (control || status).focus();
        } else if (answer.status === 429) {
          status.textContent = 'Too many tries. Please wait a minute and send the form again.';
          status.focus();
        } else {
          status.textContent = 'Sorry, the form could not be sent. Please try again.';
          status.focus();
        }
      }).catch(function () {
        button.disabled = false;
        form.removeAttribute('aria-busy');
        status.className = 'ecf-status ecf-failed';
        status.textContent = 'Sorry, the form could not be sent. Check your connection and try again.';
        status.focus();
      });
    });
    host.appendChild(form);
  }

  function start() {
    var hosts = Array.prototype.slice.call(document.querySelectorAll('[data-educonsult-form="' + config.key + '"]'));
    if (!hosts.length && script && script.parentNode) {
      var host = el('div', { 'data-educonsult-form': config.key });
      script.parentNode.insertBefore(host, script);
      hosts = [host];
    }
    hosts.forEach(render);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})(__CONFIG__);
