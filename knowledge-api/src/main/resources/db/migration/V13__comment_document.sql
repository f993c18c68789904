-- Every comment of a document, replies and deleted ones included: the comment counts of a list of documents read it
-- (comment_document_page holds top-level comments only, so without this they scanned the whole table), and so does
-- the cascade when a document is deleted.
CREATE INDEX comment_document ON comment (document_id);
