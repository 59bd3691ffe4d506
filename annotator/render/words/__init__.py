"""Words for readers: plain-language messages in both interface languages, and furigana."""
