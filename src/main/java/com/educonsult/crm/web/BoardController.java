package com.educonsult.crm.web;

import com.educonsult.crm.identity.Branches;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadBoard;
import com.educonsult.crm.leads.StatusChanges;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pipeline board: a column per active status with its count and the latest leads to enter it. A card moves to
 * another status by dragging it or by its "Move to" menu, through the same status change as the API, so a move
 * the pipeline's rules refuse is refused here with the rule's message and the card stays where it was. The board
 * reloads its columns when leads are created, assigned or moved by others.
 */
@Controller
class BoardController {

    static final int CARDS_PER_COLUMN = 50;

    /** The board's filters as the form sends them. */
    record BoardParams(String branchId, String assignedTo, String source) {

        static BoardParams of(String branchId, String assignedTo, String source) {
            return new BoardParams(blankToNull(branchId), blankToNull(assignedTo), blankToNull(source));
        }

        LeadBoard.Filter filter() {
            return LeadBoard.Filter.of(branchId, assignedTo, source);
        }

        public boolean filtered() {
            return branchId != null || assignedTo != null || source != null;
        }
    }

    private final LeadBoard board;
    private final StatusChanges statusChanges;
    private final UserDirectory users;
    private final Branches branches;
    private final Tenancy tenancy;

    BoardController(LeadBoard board, StatusChanges statusChanges, UserDirectory users, Branches branches,
            Tenancy tenancy) {
        this.board = board;
        this.statusChanges = statusChanges;
        this.users = users;
        this.branches = branches;
        this.tenancy = tenancy;
    }

    @GetMapping("/board")
    @RequiresPermission("leads:read")
    String board(@RequestParam(name = "branch_id", required = false) String branchId,
            @RequestParam(name = "assigned_to", required = false) String assignedTo,
            @RequestParam(required = false) String source, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        CurrentUser user = Authenticated.user();
        BoardParams params = BoardParams.of(branchId, assignedTo, source);
        model.addAttribute("params", params);
        columns(user, params, response, model);
        if (Htmx.isHtmx(request) && "board".equals(request.getHeader("HX-Target"))) {
            return "board :: board";
        }
        tenancy.runAs(user.organizationId(), () -> {
            model.addAttribute("assignees", LeadListController.assignees(users, user));
            model.addAttribute("branches", user.dataScope() == DataScope.ALL && user.can("branches:read")
                    ? branches.list(user.organizationId(), null, PageRequest.of(PageRequest.MAX_LIMIT, 0)).items()
                    : List.of());
        });
        return "board";
    }

    /** The next cards of a column, appended below the ones shown. */
    @GetMapping("/board/columns/{statusId}")
    @RequiresPermission("leads:read")
    String more(@PathVariable UUID statusId, @RequestParam String cursor,
            @RequestParam(name = "branch_id", required = false) String branchId,
            @RequestParam(name = "assigned_to", required = false) String assignedTo,
            @RequestParam(required = false) String source, Model model) {
        CurrentUser user = Authenticated.user();
        BoardParams params = BoardParams.of(branchId, assignedTo, source);
        model.addAttribute("params", params);
        model.addAttribute("column", tenancy.callAs(user.organizationId(),
                () -> board.column(user, statusId, params.filter(), CARDS_PER_COLUMN, cursor)));
        model.addAttribute("canWrite", user.can("leads:write"));
        return "board :: more-cards";
    }

    /**
     * Moves a lead to a status and answers the board as it is now: the card in its new column, or, when the move is
     * refused, back in its old one with the reason.
     */
    @PostMapping("/board/move")
    @RequiresPermission("leads:write")
    String move(@RequestParam(name = "lead_id") UUID leadId, @RequestParam(name = "status_id") UUID statusId,
            @RequestParam(name = "branch_id", required = false) String branchId,
            @RequestParam(name = "assigned_to", required = false) String assignedTo,
            @RequestParam(required = false) String source, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        BoardParams params = BoardParams.of(branchId, assignedTo, source);
        model.addAttribute("params", params);
        try {
            var change = tenancy.callAs(user.organizationId(),
                    () -> statusChanges.change(user, leadId, statusId, null, null, null));
            model.addAttribute("moved", "Moved to " + change.newStatus().name() + ".");
        } catch (ApiException refused) {
            if (refused.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
                throw refused;
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("refused", refused.getMessage());
        }
        model.addAttribute("focusLead", leadId);
        columns(user, params, response, model);
        return "board :: board";
    }

    private void columns(CurrentUser user, BoardParams params, HttpServletResponse response, Model model) {
        model.addAttribute("canWrite", user.can("leads:write"));
        try {
            List<LeadBoard.Column> columns = tenancy.callAs(user.organizationId(),
                    () -> board.columns(user, params.filter(), CARDS_PER_COLUMN));
            model.addAttribute("columns", columns);
            model.addAttribute("total", columns.stream().mapToLong(LeadBoard.Column::count).sum());
            model.addAttribute("estimated", columns.stream().anyMatch(LeadBoard.Column::countEstimated));
        } catch (ApiException invalid) {
            if (invalid.status() != HttpStatus.UNPROCESSABLE_CONTENT && invalid.status() != HttpStatus.BAD_REQUEST) {
                throw invalid;
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("columns", List.of());
            model.addAttribute("filterError", invalid.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
