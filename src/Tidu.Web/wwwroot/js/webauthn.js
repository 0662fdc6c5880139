// Security keys (WebAuthn): a form marked data-webauthn="create" or "get" first asks its page for the ceremony's
// options (data-options, with the form's antiforgery token), lets the browser talk to the key, then posts the key's
// answer as JSON in the form's "answer" field. Without script or without a key, nothing is posted.
(() => {
    const enc = buf => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const dec = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), c => c.charCodeAt(0));
    const say = (form, text) => { const p = form.querySelector('[data-webauthn-message]'); if (p) { p.textContent = text; p.hidden = false; } };
    for (const form of document.querySelectorAll('form[data-webauthn]')) {
        form.addEventListener('submit', async event => {
            if (form.dataset.answered) return;
            event.preventDefault();
            if (!window.PublicKeyCredential) { say(form, '此浏览器不支持安全密钥。'); return; }
            const token = new FormData(form).get('__RequestVerificationToken');
            const reply = await fetch(form.dataset.options, { method: 'POST', body: new URLSearchParams([['__RequestVerificationToken', token]]) });
            if (!reply.ok) { say(form, '暂时无法使用安全密钥，请稍后重试。'); return; }
            const o = await reply.json();
            o.challenge = dec(o.challenge);
            try {
                if (form.dataset.webauthn === 'create') {
                    o.user.id = dec(o.user.id);
                    (o.excludeCredentials || []).forEach(c => { c.id = dec(c.id); });
                    const c = await navigator.credentials.create({ publicKey: o });
                    form.elements.answer.value = JSON.stringify({ id: c.id, rawId: enc(c.rawId), type: c.type, clientExtensionResults: c.getClientExtensionResults(),
                        response: { attestationObject: enc(c.response.attestationObject), clientDataJSON: enc(c.response.clientDataJSON), transports: c.response.getTransports ? c.response.getTransports() : [] } });
                } else {
                    (o.allowCredentials || []).forEach(c => { c.id = dec(c.id); });
                    const a = await navigator.credentials.get({ publicKey: o });
                    form.elements.answer.value = JSON.stringify({ id: a.id, rawId: enc(a.rawId), type: a.type, clientExtensionResults: a.getClientExtensionResults(),
                        response: { authenticatorData: enc(a.response.authenticatorData), clientDataJSON: enc(a.response.clientDataJSON), signature: enc(a.response.signature), userHandle: a.response.userHandle ? enc(a.response.userHandle) : null } });
                }
            } catch {
                say(form, '安全密钥操作已取消或未完成，请重试。');
                return;
            }
            form.dataset.answered = '1';
            form.submit();
        });
    }
})();
