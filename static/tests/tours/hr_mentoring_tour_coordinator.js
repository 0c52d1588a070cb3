/** @odoo-module **/
/*
 * The coordinator's path (started by tests/test_tour_tourch.py, login
 * mentoring_test_role_cora): Mentoring > Programmes > Find a Mentor for Nina,
 * tick the second-ranked mentor (the first one unticks), Propose Pairing,
 * Create Plan; the pairing then waits, proposed, for the department head.
 * The screens show no menu or button of another role.
 */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const MODAL = ".modal:not(.o_inactive_modal)";
const LINES = `${MODAL} .o_field_widget[name=line_ids]`;

function selectMany2one(fieldName, text) {
    return [
        {
            content: `Type ${text} in ${fieldName}`,
            trigger: `${MODAL} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `${MODAL} .o_field_widget[name=${fieldName}] .o-autocomplete--dropdown-item > a:contains(${text})`,
            run: "click",
        },
        {
            content: `${text} is set`,
            trigger: `${MODAL} .o_field_widget[name=${fieldName}] input:value(${text})`,
        },
    ];
}

registry.category("web_tour.tours").add("hr_mentoring_tour_role_coordinator", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("hr_mentoring.menu_root", "Open the Mentoring app"),
        {
            content: "The coordinator's menus, none of the mentor's, mentee's or head's",
            trigger:
                ".o_main_navbar:has([data-menu-xmlid='hr_mentoring.menu_programs_root'])" +
                ":not(:has([data-menu-xmlid='hr_mentoring.menu_my_mentoring']))" +
                ":not(:has([data-menu-xmlid='hr_mentoring.menu_my_departments']))",
        },
        {
            content: "Open the Programmes menu",
            trigger: ".o_main_navbar [data-menu-xmlid='hr_mentoring.menu_programs_root']",
            run: "click",
        },
        {
            content: "Find a Mentor",
            trigger: ".dropdown-item[data-menu-xmlid='hr_mentoring.menu_find_mentor']",
            run: "click",
        },
        {
            content: "The selection wizard opens",
            trigger: `${MODAL} .modal-footer button[name=action_create_pairing]`,
        },
        ...selectMany2one("mentee_id", "Nina Newcomer"),
        ...selectMany2one("program_id", "New Client Managers"),
        {
            content: "Maria ranks first and is ticked",
            trigger: `${LINES} .o_data_row:first-child:has(.o_data_cell[name=mentor_id]:contains(Maria Mentor)) .o_field_widget[name=selected] input:checked`,
        },
        {
            content: "Marc ranks second, not ticked",
            trigger: `${LINES} .o_data_row:nth-child(2):has(.o_data_cell[name=mentor_id]:contains(Marc Mentor)) .o_field_widget[name=selected] input:not(:checked)`,
        },
        {
            content: "Tick Marc",
            trigger: `${LINES} .o_data_row:nth-child(2) .o_field_widget[name=selected] input`,
            run: "click",
        },
        {
            content: "Marc is ticked",
            trigger: `${LINES} .o_data_row:nth-child(2) .o_field_widget[name=selected] input:checked`,
        },
        {
            content: "Maria is no longer ticked: one mentor is proposed",
            trigger: `${LINES} .o_data_row:first-child .o_field_widget[name=selected] input:not(:checked)`,
        },
        {
            content: "Propose the pairing",
            trigger: `${MODAL} .modal-footer button[name=action_create_pairing]`,
            run: "click",
        },
        {
            content: "The plan wizard opens with the programme's plan",
            trigger: `${MODAL} .o_field_widget[name=template_id] input:value(Adaptation of a New Client Manager)`,
        },
        {
            content: "Create the plan",
            trigger: `${MODAL} .modal-footer button[name=action_create_plan]`,
            run: "click",
        },
        {
            content: "The plan's events are listed",
            trigger:
                "body:not(:has(.modal)) .o_list_view .o_data_row .o_data_cell:contains(Welcome: explain the coach-mentoring process)",
        },
        {
            content: "Open the Programmes menu",
            trigger: ".o_main_navbar [data-menu-xmlid='hr_mentoring.menu_programs_root']",
            run: "click",
        },
        {
            content: "Open the pairings",
            trigger: ".dropdown-item[data-menu-xmlid='hr_mentoring.menu_pairings']",
            run: "click",
        },
        {
            content: "Open Nina's pairing",
            trigger: ".o_kanban_record:contains(Nina Newcomer)",
            run: "click",
        },
        {
            content: "It is proposed, with Marc",
            trigger:
                ".o_form_view:has(.o_field_widget[name=mentor_id]:contains(Marc Mentor)) .o_statusbar_status button.o_arrow_button_current[data-value=proposed]",
        },
        {
            content: "Its plan is made: Re-plan, not Create Plan",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_plan_wizard]:contains(Re-plan)",
        },
        {
            content: "No button of an active pairing before the approval (discussions, end)",
            trigger:
                ".o_form_view .o_statusbar_buttons:has(button[name=action_approve])" +
                ":not(:has(button[name=action_log_discussion]))" +
                ":not(:has(button[name=action_done]))" +
                ":not(:has(button[name=action_propose]))",
        },
        {
            content: "The plan events are done 0 out of planned",
            trigger: ".o_form_view button[name=action_open_events] .o_stat_value:contains(0 /)",
        },
    ],
});
