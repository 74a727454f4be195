/* plan: progressive enhancement; the page reads fine without it. */
