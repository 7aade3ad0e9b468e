package io.insurecrm.organisation;

import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** An agent or dedicated advisor working for one branch. */
@Table("agent")
public class Agent {

    @Id
    private Long id;
    private final String code;
    private String name;
    private final AgentKind kind;
    private Long branchId;
    private String phone;
    private boolean active;
    @Version
    private Integer version;

    @PersistenceCreator
    Agent(Long id, String code, String name, AgentKind kind, Long branchId, String phone, boolean active, Integer version) {
        this.id = id;
        this.code = code;
        this.name = name;
        this.kind = kind;
        this.branchId = branchId;
        this.phone = phone;
        this.active = active;
        this.version = version;
    }

    public static Agent hire(String code, String name, AgentKind kind, long branchId, String phone) {
        return new Agent(null, Objects.requireNonNull(code), Objects.requireNonNull(name), Objects.requireNonNull(kind),
                branchId, phone, true, null);
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public AgentKind getKind() { return kind; }
    public Long getBranchId() { return branchId; }
    public String getPhone() { return phone; }
    public boolean isActive() { return active; }
}
