package app.knowledgenetwork.knowledgeapi.documents;

import app.knowledgenetwork.knowledgeapi.auth.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
public class Document extends io.quarkus.hibernate.orm.panache.PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "workspace_id")
    public UUID workspaceId;
    @Column(name = "parent_id")
    public UUID parentId;
    public String title;
    public String content;
    /** Tags live in the row (text[]), so a page of documents with tags is one query. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags;
    public long revision;
    public boolean archived;
    @Column(name = "trashed_at")
    public Instant trashedAt;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "created_by")
    public User author;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "updated_by")
    public User updatedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public DocumentStatus status() {
        return trashedAt != null ? DocumentStatus.TRASHED : archived ? DocumentStatus.ARCHIVED : DocumentStatus.ACTIVE;
    }
}
