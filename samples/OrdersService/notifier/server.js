// Order notifier: a small Express service that renders and sends order e-mails for the orders API.
const fs = require('fs');
const path = require('path');
const express = require('express');

const app = express();
app.use(express.json());

// Read once at startup: fine, no request waits for it.
const layout = fs.readFileSync(path.join(__dirname, 'layout.html'), 'utf8');

async function send(to, html) {
  const res = await fetch('https://mail.example.com/send', { method: 'POST', body: JSON.stringify({ to, html }) });
  const { accepted } = await res.json();
  return accepted;
}

app.post('/notify/:orderId', async (req, res) => {
  const template = fs.readFileSync(path.join(__dirname, 'templates', req.body.template + '.html'), 'utf8');
  const html = layout.replace('{{body}}', template.replace('{{order}}', req.params.orderId));
  const recipients = req.body.recipients;
  const results = [];
  for (const to of recipients) {
    const sent = await send(to, html);
    results.push({ to, sent });
  }
  res.json(results);
});

app.listen(process.env.PORT || 3001);
