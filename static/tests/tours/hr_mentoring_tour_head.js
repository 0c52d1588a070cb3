/** @odoo-module **/
/*
 * The department head's path (started by tests/test_tour_coordinator_head.py, login
 * mentoring_test_role_hanna): the systray activities, the pairing waiting for
 * approval, Approve; then My Departments > To Review, open the event the
 * mentor signed, write the review comment, Mark Reviewed. The screens show no
 * menu or button of the coordinator, the mentor or the mentee.
 */

import { registry } from "@web/core/registry";
import { FORM, noButtons, noMenus, OPEN_SIGNOFF, openMentoringApp, openMenu } from "./hr_mentoring_tour_utils";

const BUTTONS = `${FORM} .o_statusbar_buttons`;

registry.category("web_tour.tours").add("hr_mentoring_tour_role_head", {
    url: "/odoo",
    steps: () => [
        {
            // the approval is due in a few days: the clock has no count of
            // today's work yet, its menu lists the pairing under "Future"
            content: "Open the activities",
            trigger: ".o_menu_systray i[aria-label='Activities']",
            run: "click",
        },
        {
            content: "Open the pairings waiting for me",
            trigger: ".o-mail-ActivityGroup[data-model_name='hr.mentoring.pairing'] .btn-link",
            run: "click",
        },
        {
            content: "Open Nina's pairing",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=mentee_id]:contains(Nina Newcomer)",
            run: "click",
        },
        {
            content: "It is proposed, with the reasons of the match",
            trigger: `${FORM}:has(div[name=approval]) .o_statusbar_status button.o_arrow_button_current[data-value=proposed]`,
        },
        {
            content: "No coordinator's or mentor's button (propose, decline, reset, fit alert)",
            trigger:
                `${BUTTONS}:has(button[name=action_approve])` +
                noButtons(["action_propose", "action_decline", "action_reset_draft", "action_clear_fit_concern"]),
        },
        {
            content: "The coordinator's fields stay read-only",
            trigger: `${FORM} .o_field_widget[name=mentor_id].o_readonly_modifier`,
        },
        {
            content: "Approve the pairing",
            trigger: `${BUTTONS} button[name=action_approve]`,
            run: "click",
        },
        {
            content: "The pairing is active",
            trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current[data-value=active]`,
        },
        {
            content: "Nothing to approve any more, no coordinator's button (cancel a running pairing, reset)",
            trigger:
                `${BUTTONS}:has(button[name=action_done])` +
                noButtons(["action_approve", "action_cancel", "action_reset_draft", "action_decline"]),
        },
        ...openMentoringApp(),
        {
            content: "The head's menus, not the coordinator's nor the mentor's",
            trigger:
                ".o_main_navbar:has([data-menu-xmlid='hr_mentoring.menu_my_departments'])" +
                noMenus(["menu_programs_root", "menu_mentors_root", "menu_config", "menu_my_mentoring"]),
        },
        ...openMenu("menu_my_departments", "Open My Departments", "menu_department_to_review", "The events to review"),
        {
            content: "Open the event Marc signed for Oscar",
            trigger: ".o_list_view .o_data_row:has(.o_data_cell[name=mentee_id]:contains(Oscar Onboard)) .o_data_cell[name=name]:contains(Welcome)",
            run: "click",
        },
        {
            content: "It is done, signed by the mentor",
            trigger: `${FORM}:has(.o_field_widget[name=signed_by_id]:contains(Marc Mentor)) .o_statusbar_status button.o_arrow_button_current[data-value=done]`,
        },
        {
            content: "No mentee's or coordinator's button (acknowledge, back to planned, cancel, sign)",
            trigger:
                `${BUTTONS}:has(button[name=action_review])` +
                noButtons(["action_acknowledge", "action_reset_planned", "action_cancel", "action_mark_done"]),
        },
        OPEN_SIGNOFF,
        {
            content: "The mentor's comment is the mentor's: read-only",
            trigger: `${FORM} .o_field_widget[name=mentor_comment].o_readonly_modifier:not(:has(textarea))`,
        },
        {
            // the mentee's empty comment has no size: the trigger is the field beside it
            content: "The mentee's comment is the mentee's: read-only",
            trigger: `${FORM}:has(.o_field_widget[name=mentee_comment].o_readonly_modifier) .o_field_widget[name=acknowledged]`,
        },
        {
            content: "Write the review comment",
            trigger: `${FORM} .o_field_widget[name=review_comment] textarea`,
            run: "edit Good start, plan the client calls for next week.",
        },
        {
            content: "Mark it reviewed",
            trigger: `${BUTTONS} button[name=action_review]`,
            run: "click",
        },
        {
            content: "It is reviewed, the button is gone",
            trigger: `${FORM}:not(:has(button[name=action_review])) .o_field_widget[name=reviewed] input:checked`,
        },
        {
            content: "The comment is saved",
            trigger: `${FORM} .o_field_widget[name=review_comment] textarea:value(Good start, plan the client calls for next week.)`,
        },
    ],
});
